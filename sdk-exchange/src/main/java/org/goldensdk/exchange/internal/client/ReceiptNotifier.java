package org.goldensdk.exchange.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptListener;
import org.goldensdk.exchange.internal.store.OutboxStore;
import org.goldensdk.exchange.internal.store.OutboxStore.DeadRow;
import org.goldensdk.exchange.internal.store.OutboxStore.PendingReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Passes stored receipts to the listener in the order they were stored, marking them notified only
 * after the listener returned normally (at least once) — those of one page in one transaction
 * after the page, or after the receipt the listener failed on. A listener that throws stops the round, so
 * order is kept; the next round (next poll, next delivery, next start) offers the receipt again.
 * Dead letters are announced the same way after the receipts, oldest first.
 */
public final class ReceiptNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptNotifier.class);
    private static final int BATCH = 100;

    private final OutboxStore store;
    private final ReceiptListener listener;
    private final Consumer<DeadRow> deadLetterListener;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * A notifier feeding {@code listener} from {@code store}, and {@code deadLetterListener} (which
     * turns the row into the listener's call) with the dead letters.
     */
    public ReceiptNotifier(OutboxStore store, ReceiptListener listener, Consumer<DeadRow> deadLetterListener) {
        this.store = store;
        this.listener = listener;
        this.deadLetterListener = deadLetterListener;
    }

    /** Offers every receipt not yet notified, then every dead letter not yet announced; one round at a time. */
    public void notifyPending() {
        lock.lock();
        try {
            if (notifyReceipts()) {
                announceDeadLetters();
            }
        } finally {
            lock.unlock();
        }
    }

    private void announceDeadLetters() {
        List<DeadRow> dead;
        do {
            dead = store.unannouncedDeadLetters(BATCH);
            for (DeadRow row : dead) {
                try (MDC.MDCCloseable ignored = MDC.putCloseable(MdcKeys.MESSAGE_ID, row.id().toString())) {
                    try {
                        deadLetterListener.accept(row);
                    } catch (RuntimeException e) {
                        LOG.warn("The listener failed on a dead letter; it will be offered again on the next poll"
                                + " or restart", e);
                        return;
                    }
                    store.markDeadLetterAnnounced(row.id());
                }
            }
        } while (dead.size() == BATCH);
    }

    /** Whether every pending receipt was passed on. */
    private boolean notifyReceipts() {
        List<PendingReceipt> pending;
        do {
            pending = store.unnotified(BATCH);
            List<Long> passedOn = new ArrayList<>(pending.size());
            try {
                for (PendingReceipt stored : pending) {
                    Receipt receipt = EnvelopeCodec.json().decodeReceipt(stored.json());
                    try (MDC.MDCCloseable ignored = MDC.putCloseable(MdcKeys.MESSAGE_ID, receipt.messageId().toString())) {
                        try {
                            listener.onReceipt(receipt);
                        } catch (RuntimeException e) {
                            LOG.warn("The receipt listener failed on the {} receipt; it will be offered again on the"
                                    + " next poll or restart", receipt.state(), e);
                            return false;
                        }
                        passedOn.add(stored.seq());
                    }
                }
            } finally {
                store.markNotified(passedOn);
            }
        } while (pending.size() == BATCH);
        return true;
    }
}
