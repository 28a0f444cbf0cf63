package org.goldensdk.exchange.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.HttpRequest;
import org.goldensdk.core.HttpResponse;
import org.goldensdk.core.HttpTransport;
import org.goldensdk.core.JsonCodec;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.internal.store.OutboxStore;
import org.goldensdk.exchange.internal.store.OutboxStore.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Follows the hub's receipt feed ({@code GET exchange/v1/receipts?after=}) from the durable cursor.
 * Each receipt is verified ({@link ReceiptRecorder#verify}); the verified ones of a page are stored
 * together with the cursor in one transaction, a refused one (forged, malformed) is logged and only
 * the cursor moves past it, as past a receipt for a message another outbox of the same party sent.
 * After a page the stored receipts go to the listener. One run at a time.
 */
public final class ReceiptPoller {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptPoller.class);
    private static final int PAGE = 100;
    private static final Pattern POSITION = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final JsonCodec PAGES = JsonCodec.of();

    private final OutboxStore store;
    private final HttpTransport transport;
    private final ReceiptRecorder recorder;
    private final ReceiptNotifier notifier;
    private final String hub;
    private final Duration interval;

    /**
     * @param hub the hub's base URI, the cursor's key
     * @param interval the pause between polls that found no more receipts
     */
    public ReceiptPoller(OutboxStore store, HttpTransport transport, ReceiptRecorder recorder, ReceiptNotifier notifier,
            String hub, Duration interval) {
        this.store = store;
        this.transport = transport;
        this.recorder = recorder;
        this.notifier = notifier;
        this.hub = hub;
        this.interval = interval;
    }

    /** Reads one page of the feed and notifies; returns the delay until the next poll. */
    public Duration runOnce() {
        int received;
        try {
            received = readPage();
        } catch (GoldenException e) {
            LOG.warn("Cannot read the hub's receipt feed ({}: {}); trying again in {}", e.code().wireCode(),
                    e.getMessage(), interval);
            received = 0;
        }
        notifier.notifyPending();
        return received == PAGE ? Duration.ZERO : interval;
    }

    private int readPage() {
        String after = store.cursor(hub);
        JsonNode page;
        try (HttpResponse response = transport.execute(HttpRequest.get("exchange/v1/receipts?after=" + after
                + "&limit=" + PAGE))) {
            page = PAGES.readTree(response.bodyBytes());
        }
        JsonNode entries = page.path("receipts");
        if (!entries.isArray() || !page.path("last").isTextual()) {
            throw new MalformedInputException("the hub's receipt page has no 'receipts' array or no 'last' position", null);
        }
        if (!entries.isEmpty()) {
            List<Receipt> believed = new ArrayList<>(entries.size());
            String position = after;
            for (JsonNode entry : entries) {
                position = position(entry.path("position"));
                believe(entry.path("receipt")).ifPresent(believed::add);
            }
            String reached = position;
            store.inTransaction(connection -> {
                for (Receipt receipt : believed) {
                    recorder.record(connection, receipt);
                }
                store.saveCursor(connection, hub, reached);
                return null;
            });
        }
        String last = position(page.get("last"));
        if (entries.isEmpty() && new BigInteger(last).compareTo(new BigInteger(after)) > 0) {
            store.inTransaction(connection -> {
                store.saveCursor(connection, hub, last);
                return null;
            });
        }
        return entries.size();
    }

    /** The receipt if it verifies against a message this outbox sent; empty (logged) otherwise. */
    private Optional<Receipt> believe(JsonNode node) {
        Receipt receipt;
        try {
            receipt = EnvelopeCodec.json().decodeReceipt(PAGES.write(node));
        } catch (GoldenException e) {
            LOG.warn("Ignoring an unreadable receipt in the hub's feed: {}", e.getMessage());
            return Optional.empty();
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MdcKeys.MESSAGE_ID, receipt.messageId().toString())) {
            Optional<StoredMessage> sent = store.find(receipt.messageId());
            if (sent.isEmpty()) {
                // The feed is the party's: another outbox of the same department sent this one.
                LOG.debug("Skipping a {} receipt for a message of another outbox of this party", receipt.state());
                return Optional.empty();
            }
            recorder.verify(receipt, sent.get());
            return Optional.of(receipt);
        } catch (GoldenException e) {
            LOG.warn("Refusing a {} receipt from the hub's feed: {}", receipt.state(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String position(JsonNode node) {
        if (node == null || !node.isTextual() || !POSITION.matcher(node.asText()).matches()) {
            throw new MalformedInputException("the hub's receipt page holds a position that is not a decimal string", null);
        }
        return node.asText();
    }
}
