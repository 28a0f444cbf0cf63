package org.goldensdk.sandbox.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.goldensdk.sandbox.portal.PortalFixture.notice;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.xml.ws.BindingProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.goldensdk.core.ComplianceException;
import org.goldensdk.core.CryptoSuite;
import org.goldensdk.core.Finding;
import org.goldensdk.core.TlsConfig;
import org.goldensdk.cxf.SoapClients;
import org.goldensdk.cxf.SoapFaults;
import org.goldensdk.cxf.SoapSecurity;
import org.goldensdk.portal.Article;
import org.goldensdk.portal.ArticleDraft;
import org.goldensdk.portal.Attachments;
import org.goldensdk.portal.Compliance;
import org.goldensdk.portal.PortalClient;
import org.goldensdk.portal.PortalSoapMessages;
import org.goldensdk.portal.ServiceGuideDraft;
import org.goldensdk.portal.Transport;
import org.goldensdk.portal.soap.AddAttachment;
import org.goldensdk.portal.soap.CreateArticle;
import org.goldensdk.portal.soap.GetArticle;
import org.goldensdk.portal.soap.ListArticles;
import org.goldensdk.portal.soap.ListGuides;
import org.goldensdk.portal.soap.ListLetters;
import org.goldensdk.portal.soap.PortalFault;
import org.goldensdk.portal.soap.PortalPortType;
import org.goldensdk.portal.soap.PortalService;
import org.goldensdk.portal.soap.UpdateArticle;
import org.goldensdk.portal.soap.fault.Error;
import org.goldensdk.portal.soap.types.LetterStateType;
import org.goldensdk.portal.soap.types.LetterType;
import org.goldensdk.sandbox.HostileSoap;
import org.goldensdk.sandbox.Sandbox;
import org.goldensdk.sandbox.SandboxExtension;
import org.goldensdk.testkit.TestDepartment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The portal's SOAP service on its own wire, below PortalClient: {@code ?wsdl} and {@code ?xsd=} are
 * the repository's documents, SOAP 1.2 reaches the same portal, a repeated creation under one
 * IdempotencyKey makes one draft, every kind of answer conforms to the WSDL's schema, the portal's own gate answers content no client gate checked with
 * a fault listing every finding, an attachment comes back byte for byte, and hostile XML is a fault
 * with the SDK's code. (The REST API's counterparts are in {@link PortalRestWireTest}.)
 */
@ExtendWith(SandboxExtension.class)
class PortalSoapWireTest {
    private static final String CITIZEN_ID = "11010519491231002X";
    private static final String NAMESPACE = "urn:goldensdk:portal:service:1";

    private final Sandbox sandbox;
    private final PortalClient agriculture;
    private final HttpClient https;

    @TempDir
    Path folder;

    PortalSoapWireTest(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.agriculture = PortalFixture.client(sandbox, TestDepartment.AGRICULTURE, Compliance.reject(), Transport.SOAP);
        this.https = HttpClient.newBuilder().sslContext(TlsConfig.of(TestDepartment.AGRICULTURE.credentials(),
                sandbox.trustAnchors()).sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void closeClients() {
        agriculture.close();
    }

    @Test
    void wsdlAndSchemaAreExactlyTheDocumentsInTheRepositoryOnBothPorts() throws Exception {
        Path docs = Path.of("..", "docs", "portal");
        for (String port : List.of("portal/soap/v1", "portal/soap12/v1")) {
            assertThat(get(port + "?wsdl")).isEqualTo(Files.readAllBytes(docs.resolve("portal-service.wsdl")));
            assertThat(get(port + "?xsd=portal-1.xsd")).isEqualTo(Files.readAllBytes(docs.resolve("portal-1.xsd")));
        }
    }

    @Test
    void theSoap12PortServesTheSamePortalWithTheSameFaults() throws Exception {
        PortalPortType soap12 = rawPort(new PortalService().getPortalSoap12Port(), "portal/soap12/v1");
        CreateArticle create = new CreateArticle();
        create.setDraft(PortalSoapMessages.toSoap(draft("关于SOAP 1.2发布的通知")));
        Article created = PortalSoapMessages.fromSoap(soap12.createArticle(create).getArticle());

        assertThat(agriculture.articles().get(created.id())).isEqualTo(created);
        GetArticle unknown = new GetArticle();
        unknown.setArticleId("no-such-article");
        PortalFault fault = catchThrowableOfType(PortalFault.class, () -> soap12.getArticle(unknown));
        assertThat(fault.getFaultInfo().getCode()).isEqualTo("E_NOT_FOUND");
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyMakesOneDraft() throws Exception {
        PortalPortType soap = rawPort(new PortalService().getPortalSoap11Port(), "portal/soap/v1");
        CreateArticle create = new CreateArticle();
        create.setDraft(PortalSoapMessages.toSoap(draft("关于重试创建的通知")));
        create.setIdempotencyKey("soap-create-once-" + create.getDraft().getTitle().hashCode());

        String first = soap.createArticle(create).getArticle().getId();
        String second = soap.createArticle(create).getArticle().getId();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void thePortalsGateRefusesOnReceiptWithEveryFindingInTheFault() throws Exception {
        Article draft = agriculture.articles().create(notice("关于发放补贴的通知"));
        PortalPortType soap = rawPort(new PortalService().getPortalSoap11Port(), "portal/soap/v1");
        UpdateArticle update = new UpdateArticle();
        update.setArticleId(draft.id());
        update.setExpectedVersion(1);
        update.setDraft(PortalSoapMessages.toSoap(draft.content()
                .withHtml("<p>领取人 1101<b>05</b>19491231002X</p><script>alert(1)</script>")));

        ComplianceException text = compliance(() -> soap.updateArticle(update));
        assertThat(text.findings()).extracting(Finding::rule).containsExactly("html.unsafe", "personalData.CITIZEN_ID");
        assertThat(text.getMessage()).doesNotContain(CITIZEN_ID);

        ComplianceException pdf = compliance(() -> soap.addAttachment(attachment(draft.id(), "list.pdf",
                Attachments.pdf("Recipient ID " + CITIZEN_ID))));
        assertThat(pdf.findings()).extracting(Finding::field).containsExactly("attachment 'list.pdf' page 1");

        ComplianceException xlsx = compliance(() -> soap.addAttachment(attachment(draft.id(), "补贴名单.xlsx",
                Attachments.xlsx(CITIZEN_ID))));
        assertThat(xlsx.findings()).extracting(Finding::field).containsExactly("attachment '补贴名单.xlsx' sheet '名单' cell B3");

        assertThat(agriculture.articles().get(draft.id()).version()).as("nothing changed").isEqualTo(1);
    }

    @Test
    void anAttachmentSentOverSoapComesBackByteForByteWithProgressReported() throws Exception {
        Article draft = agriculture.articles().create(notice("关于公布检测报告的通知"));
        byte[] pdfBytes = Attachments.pdf("Soil testing report, spring 2026");
        Path pdf = Files.write(folder.resolve("报告.pdf"), pdfBytes);
        List<Long> progress = new CopyOnWriteArrayList<>();

        Article attached = agriculture.articles().attach(draft.id(), 1, pdf, (sent, total) -> progress.add(sent));
        agriculture.articles().publish(draft.id(), attached.version());

        assertThat(progress).startsWith(0L).endsWith((long) pdfBytes.length).isSorted();
        String sha256 = CryptoSuite.INTL.digest(pdfBytes).hex();
        assertThat(attached.attachments()).singleElement().satisfies(info -> {
            assertThat(info.fileName()).isEqualTo("报告.pdf");
            assertThat(info.size()).isEqualTo(pdfBytes.length);
            assertThat(info.sha256()).isEqualTo(sha256);
            URI download = sandbox.portalPagesUri().resolve("attachments/" + info.id());
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(download).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(pdfBytes);
        });
    }

    @Test
    void everyKindOfAnswerConformsToTheSchemaOfTheWsdl() throws Exception {
        Article draft = agriculture.articles().create(notice("关于公布合格名录的通知"));
        Path pdf = Files.write(folder.resolve("名录.pdf"), Attachments.pdf("List of certified seed suppliers"));
        Article attached = agriculture.articles().attach(draft.id(), 1, pdf, (sent, total) -> { });
        agriculture.articles().publish(draft.id(), attached.version());
        agriculture.guides().publish(ServiceGuideDraft.builder().title("种子生产经营许可").conditions("具有种子生产经营能力的企业")
                .material("申请表").step("提交申请").step("审核").timeLimit("20个工作日").fees("不收费")
                .legalBasis("《种子法》").location("武汉市政务服务中心").contact("027-12345678").build());
        String letter = PortalFixture.submitLetter(sandbox, TestDepartment.AGRICULTURE, "咨询种子许可", "许可需要多久？");
        agriculture.mailbox().reply(letter, "一般20个工作日内办结。");

        PortalPortType validating = rawPort(new PortalService().getPortalSoap11Port(), "portal/soap/v1");
        ((BindingProvider) validating).getRequestContext().put("schema-validation-enabled", "IN");
        ListArticles list = new ListArticles();
        list.setAgency(TestDepartment.AGRICULTURE.creditCode().value());
        list.setSize(100);
        assertThat(validating.listArticles(list).getPage().getArticle())
                .anySatisfy(article -> assertThat(article.getAttachment()).isNotEmpty());
        assertThat(validating.listGuides(new ListGuides()).getGuide()).isNotEmpty();
        ListLetters letters = new ListLetters();
        letters.setState(LetterStateType.REPLIED);
        assertThat(validating.listLetters(letters).getLetter()).extracting(LetterType::getId).contains(letter);
    }

    @ParameterizedTest
    @FieldSource("org.goldensdk.sandbox.HostileSoap#ATTACKS")
    void hostileXmlIsAFaultWithOurCode(String attack) throws Exception {
        HostileSoap.assertRefusedSafely(attack, folder, NAMESPACE, "GetArticle", "ArticleId", this::post);
    }

    @Test
    void anUnsignedRequestIsRefusedBeforeThePortal() throws Exception {
        HttpResponse<String> answer = post(HostileSoap.envelope("<s:Body><x:ListLetters xmlns:x=\"" + NAMESPACE
                + "\"/></s:Body>", ""));
        assertThat(HostileSoap.code(answer.body())).isEqualTo("E_AUTHENTICATION");
    }

    /** A generated port at {@code path}, as agriculture, signing its requests, but without PortalClient's gate. */
    private PortalPortType rawPort(PortalPortType port, String path) {
        return SoapClients.configure(port, sandbox.hubUri().resolve(path).toString(),
                TlsConfig.of(TestDepartment.AGRICULTURE.credentials(), sandbox.trustAnchors()),
                SoapSecurity.signWith(TestDepartment.AGRICULTURE.credentials()), 30_000);
    }

    private static ArticleDraft draft(String title) {
        return notice(title).issuedByDefault(TestDepartment.AGRICULTURE.organisation());
    }

    private static AddAttachment attachment(String articleId, String fileName, byte[] content) {
        AddAttachment request = new AddAttachment();
        request.setArticleId(articleId);
        request.setExpectedVersion(1);
        request.setFileName(fileName);
        request.setContent(new DataHandler(new DataSource() {
            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(content);
            }

            @Override
            public OutputStream getOutputStream() {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public String getContentType() {
                return "application/octet-stream";
            }

            @Override
            public String getName() {
                return fileName;
            }
        }));
        return request;
    }

    /** The fault {@code call} answers, as the typed exception the SDK maps it to. */
    private static ComplianceException compliance(Refused call) {
        PortalFault fault = catchThrowableOfType(PortalFault.class, call::run);
        Error error = fault.getFaultInfo();
        assertThat(error.getCode()).isEqualTo("E_COMPLIANCE");
        assertThat(error.getRequestId()).isNotBlank();
        return (ComplianceException) SoapFaults.toException(error.getCode(), fault.getMessage(), error.getRequestId(),
                error.getFinding().stream().map(f -> new Finding(f.getField(), f.getRule(), f.getMessage())).toList());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return https.send(HttpRequest.newBuilder(sandbox.hubUri().resolve("portal/soap/v1"))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"" + NAMESPACE + ":GetArticle\"")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private byte[] get(String path) throws Exception {
        HttpResponse<byte[]> answer = https.send(HttpRequest.newBuilder(sandbox.hubUri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return answer.body();
    }

    /** A SOAP call expected to fail with the portal's fault. */
    @FunctionalInterface
    private interface Refused {
        void run() throws PortalFault;
    }
}
