package org.goldensdk.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.goldensdk.core.AccessDeniedException;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.core.VirtualScheduler;
import org.goldensdk.exchange.ExchangeClient;
import org.goldensdk.exchange.ExchangeEndpoint;
import org.goldensdk.exchange.RequestTimeoutException;
import org.goldensdk.exchange.Response;
import org.goldensdk.exchange.ServiceId;
import org.goldensdk.exchange.Transport;
import org.goldensdk.sandbox.AccessRight;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.internal.HubService;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Customs asks tax a company's status through the hub and gets an answer it can prove came from tax:
 * with tax's endpoint pushed to, and with tax pulling from behind a firewall. The hub runs on
 * virtual time so a provider that does not answer times out without waiting.
 */
class RequestResponseTest extends EndToEndFixture {
    private static final ServiceId STATUS = AccessRight.TAX_COMPANY_STATUS;

    private VirtualScheduler time;
    private Sandbox sandbox;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() {
        time = VirtualScheduler.startingAt(Instant.now());
        sandbox = Sandbox.builder().scheduler(time).checkContract()
                .allow(new AccessRight(TestDepartment.CUSTOMS.partyId(), TestDepartment.TAX.partyId(), STATUS)).start();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        List<String> violations = sandbox.contractViolations();
        closeAll();
        sandbox.close();
        assertThat(violations).as("OpenAPI contract violations").isEmpty();
    }

    @Test
    void aPushedProviderAnswersWithAResponseSignedByItAndBoundToTheRequest() {
        ExchangeEndpoint tax = taxEndpoint().listen("127.0.0.1", 0).build().start();
        addCloseable(tax);
        sandbox.registerEndpoint(TestDepartment.TAX.partyId(), tax.uri());

        assertAnswered(customs().request(TestDepartment.TAX.partyId(), STATUS, new StatusQuery("91420100MA4K00002Y"),
                CompanyStatus.class));
    }

    @Test
    void aPullingProviderPicksUpTheRequestAndAnswersIt() {
        addCloseable(taxEndpoint().pullFrom(sandbox.hubUri()).build().start());

        assertAnswered(customs().request(TestDepartment.TAX.partyId(), STATUS, new StatusQuery("91420100MA4K00002Y"),
                CompanyStatus.class));
    }

    @Test
    void aPushedProviderThatDoesNotAnswerInTimeGivesATypedTimeoutAndItsLateAnswerIsDiscarded() throws Exception {
        ExchangeEndpoint tax = taxEndpoint().listen("127.0.0.1", 0).build().start();
        addCloseable(tax);
        sandbox.registerEndpoint(TestDepartment.TAX.partyId(), tax.uri());
        timesOutThenAnswersLate();
    }

    @Test
    void aPullingProviderThatDoesNotAnswerInTimeGivesATypedTimeoutAndItsLateAnswerIsDiscarded() throws Exception {
        addCloseable(taxEndpoint().pullFrom(sandbox.hubUri()).build().start());
        timesOutThenAnswersLate();
    }

    @Test
    void aRequestFetchedByAPullerThatDiesIsOfferedAgainAndAnsweredBeforeTheDeadline() throws Exception {
        ExchangeClient customs = customs();
        CompletableFuture<Response<CompanyStatus>> call = CompletableFuture.supplyAsync(() -> customs.request(
                TestDepartment.TAX.partyId(), STATUS, new StatusQuery("91420100MA4K00002Y"), CompanyStatus.class,
                Duration.ofSeconds(60)));
        // A provider's puller fetches the request and dies before answering.
        try (HttpTransport dying = HttpTransport.builder().baseUri(sandbox.hubUri().resolve("exchange/v1/"))
                .tls(TlsConfig.of(TestDepartment.TAX.credentials(), sandbox.trustAnchors())).build()) {
            String inbox = "inbox?party=" + URLEncoder.encode(TestDepartment.TAX.partyId().toString(), StandardCharsets.UTF_8);
            await().atMost(HANG_GUARD).until(() -> {
                try (HttpResponse pulled = dying.execute(HttpRequest.get(inbox))) {
                    return pulled.status() == 200;
                }
            });
        }
        time.advance(HubService.REQUEST_OFFERED_AGAIN_AFTER);

        addCloseable(taxEndpoint().pullFrom(sandbox.hubUri()).build().start());
        assertAnswered(call.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS));
        assertThat(asked).as("asked of the live provider").containsExactly("91420100MA4K00002Y");
    }

    @Test
    void overSoapAProviderThatDoesNotAnswerInTimeGivesTheSameTypedTimeout() throws Exception {
        addCloseable(taxEndpoint().pullFrom(sandbox.hubUri()).build().start());
        timesOutThenAnswersLate(customs(Transport.SOAP));
    }

    @Test
    void aRequestThePlatformDoesNotAllowIsRefused() {
        ExchangeClient tax = ExchangeClient.builder().hub(sandbox.hubUri()).hubParty(sandbox.hubParty())
                .party(TestDepartment.TAX.partyId()).credentials(TestDepartment.TAX.credentials())
                .trustAnchors(sandbox.trustAnchors()).storeDirectory(stores.resolve("tax-client")).build();
        addCloseable(tax);

        assertThatThrownBy(() -> tax.request(TestDepartment.CUSTOMS.partyId(), STATUS, new StatusQuery("x"), Map.class))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("grant");
    }

    private void timesOutThenAnswersLate() throws Exception {
        timesOutThenAnswersLate(customs(Transport.REST));
    }

    private void timesOutThenAnswersLate(ExchangeClient customs) throws Exception {
        CompletableFuture<Response<CompanyStatus>> call = CompletableFuture.supplyAsync(() -> customs.request(
                TestDepartment.TAX.partyId(), STATUS, new StatusQuery("slow"), CompanyStatus.class, Duration.ofSeconds(20)));
        await().atMost(HANG_GUARD).until(() -> asked.contains("slow"));
        await().atMost(HANG_GUARD).until(() -> {
            time.advance(Duration.ofSeconds(1));
            return call.isDone();
        });
        assertThatThrownBy(call::join).hasCauseInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("did not answer");
        release.countDown();   // the provider answers now: too late, nobody receives it

        // The next question is answered normally: the late answer did not take its place. (The hub's
        // virtual clock ran ahead while the test moved it, hence the long timeout.)
        assertAnswered(customs.request(TestDepartment.TAX.partyId(), STATUS, new StatusQuery("91420100MA4K00002Y"),
                CompanyStatus.class, Duration.ofMinutes(2)));
    }

    private void assertAnswered(Response<CompanyStatus> response) {
        assertThat(response.body()).isEqualTo(new CompanyStatus("91420100MA4K00002Y", "normal"));
        assertThat(response.header().sender()).isEqualTo(TestDepartment.TAX.partyId());
        assertThat(response.header().receiver()).isEqualTo(TestDepartment.CUSTOMS.partyId());
        assertThat(response.header().properties()).containsKey(Response.REQUEST_DIGEST_PROPERTY);
        assertThat(response.envelope().signerChain().get(0)).isEqualTo(
                TestDepartment.TAX.credentials().signer(org.goldensdk.core.CryptoSuite.GM).certificate());
    }

    private ExchangeClient customs() {
        return customs(Transport.REST);
    }

    private ExchangeClient customs(Transport transport) {
        ExchangeClient client = ExchangeClient.builder().hub(sandbox.hubUri()).hubParty(sandbox.hubParty()).transport(transport)
                .party(TestDepartment.CUSTOMS.partyId()).credentials(TestDepartment.CUSTOMS.credentials())
                .trustAnchors(sandbox.trustAnchors()).storeDirectory(stores.resolve("customs-client"))
                .requestTimeout(Duration.ofMinutes(2)).build();
        addCloseable(client);
        return client;
    }

    private ExchangeEndpoint.Builder taxEndpoint() {
        return ExchangeEndpoint.builder()
                .party(TestDepartment.TAX.partyId()).credentials(TestDepartment.TAX.credentials())
                .trustAnchors(sandbox.trustAnchors()).hubParty(sandbox.hubParty())
                .storeDirectory(stores.resolve("tax-endpoint"))
                .pullWait(Duration.ofSeconds(5))
                .respond(STATUS, (request, context) -> {
                    StatusQuery query = request.json(StatusQuery.class);
                    asked.add(query.creditCode());
                    if (query.creditCode().equals("slow")) {
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return new CompanyStatus(query.creditCode(), "normal");
                });
    }
}
