package org.goldensdk.exchange.internal.client;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.goldensdk.exchange.EnvelopeCodec;
import org.goldensdk.exchange.Receipt;
import org.goldensdk.exchange.ReceiptListener;
import org.goldensdk.exchange.internal.store.OutboxStore;
import org.goldensdk.exchange.internal.store.OutboxStore.PendingReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Passes stored receipts to the listener in the order they were stored, marking each notified only
 * after the listener returned normally (at least once). A listener that throws stops the round, so
 * order is kept; the next round (next poll, next delivery, next start) offers the receipt again.
 */
public final class ReceiptNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptNotifier.class);
    private static final int BATCH = 100;

    private final OutboxStore store;
    private final ReceiptListener listener;
    private final ReentrantLock lock = new ReentrantLock();

    /** A notifier feeding {@code listener} from {@code store}. */
    public ReceiptNotifier(OutboxStore store, ReceiptListener listener) {
        this.store = store;
        this.listener = listener;
    }

    /** Offers every receipt not yet notified; one round at a time. */
    public void notifyPending() {
        lock.lock();
        try {
            List<PendingReceipt> pending;
            do {
                pending = store.unnotified(BATCH);
                for (PendingReceipt stored : pending) {
                    Receipt receipt = EnvelopeCodec.json().decodeReceipt(stored.json());
                    try (MDC.MDCCloseable ignored = MDC.putCloseable(MdcKeys.MESSAGE_ID, receipt.messageId().toString())) {
                        try {
                            listener.onReceipt(receipt);
                        } catch (RuntimeException e) {
                            LOG.warn("The receipt listener failed on the {} receipt; it will be offered again on the"
                                    + " next poll or restart", receipt.state(), e);
                            return;
                        }
                        store.markNotified(stored.seq());
                    }
                }
            } while (pending.size() == BATCH);
        } finally {
            lock.unlock();
        }
    }
}
