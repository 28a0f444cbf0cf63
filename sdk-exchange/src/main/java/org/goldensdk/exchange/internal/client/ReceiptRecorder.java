package org.goldensdk.exchange.internal.client;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.goldensdk.core.ConflictException;
import org.goldensdk.core.PartyId;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.TrustAnchors;
import org.goldensdk.exchange.DeliveryProgress;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptState;
import org.goldensdk.exchange.internal.store.OutboxStore;
import org.goldensdk.exchange.internal.store.OutboxStore.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a receipt about one of our messages is believed, and records it. A receipt is
 * believed only if it is about an envelope this outbox sent (message id and envelope digest), its
 * issuer is the one entitled to that state (the hub for ACCEPTED, the envelope's receiver for
 * DELIVERED, PROCESSED and REJECTED), and {@link Receipt#verify} passes (signature, path to the
 * platform CA, issuer's certificate). Recording keeps {@link DeliveryProgress} from going backwards.
 */
public final class ReceiptRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptRecorder.class);

    private final OutboxStore store;
    private final TrustAnchors trustAnchors;
    private final PartyId hubParty;
    private final Clock clock;

    /** A recorder for {@code store}'s messages, trusting {@code hubParty} for ACCEPTED receipts. */
    public ReceiptRecorder(OutboxStore store, TrustAnchors trustAnchors, PartyId hubParty, Clock clock) {
        this.store = store;
        this.trustAnchors = trustAnchors;
        this.hubParty = hubParty;
        this.clock = clock;
    }

    /**
     * Checks {@code receipt} against the message it names.
     *
     * @throws SignatureException naming what does not match or verify — the receipt must be ignored
     */
    public void verify(Receipt receipt, StoredMessage sent) {
        if (!receipt.envelopeDigest().toString().equals(sent.envelopeDigest())) {
            throw new SignatureException("the " + receipt.state() + " receipt for message " + receipt.messageId()
                    + " names envelope digest " + receipt.envelopeDigest() + ", but the envelope sent has "
                    + sent.envelopeDigest() + "; it is not about the message we sent");
        }
        PartyId entitled = receipt.state() == ReceiptState.ACCEPTED ? hubParty : sent.receiver();
        if (!receipt.issuer().equals(entitled)) {
            throw new SignatureException("a " + receipt.state() + " receipt for message " + receipt.messageId()
                    + " must be issued by " + entitled + ", not by " + receipt.issuer());
        }
        receipt.verify(trustAnchors, clock.instant());
    }

    /**
     * Stores a verified receipt on {@code connection} unless it is already stored or contradicts
     * the message's recorded progress (logged and left out).
     *
     * @return whether the receipt was newly stored
     */
    public boolean record(Connection connection, Receipt receipt) throws SQLException {
        Optional<Optional<ReceiptState>> current = store.lockProgress(connection, receipt.messageId());
        if (current.isEmpty() || store.hasReceipt(connection, receipt.messageId(), receipt.state())) {
            return false;
        }
        DeliveryProgress progress = current.get().map(DeliveryProgress::at).orElse(DeliveryProgress.none());
        DeliveryProgress advanced;
        try {
            advanced = progress.advance(receipt.state());
        } catch (ConflictException e) {
            LOG.warn("Ignoring a {} receipt that contradicts the message's recorded progress: {}", receipt.state(),
                    e.getMessage());
            return false;
        }
        store.addReceipt(connection, receipt.messageId(), receipt.state(), EnvelopeCodec.json().encode(receipt),
                advanced.state().orElseThrow(), clock.instant());
        return true;
    }
}
