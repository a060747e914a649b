package io.connectops.plugins;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferCancelledException;
import org.eclipse.aether.transfer.TransferEvent;

/**
 * Bounds what Maven's resolver downloads for one plugin, as {@link Downloads} bounds a URL: at most the bytes left under
 * the storage limit (a declared size above it is refused before a byte is written) and one deadline for the whole
 * resolution. The resolver writes to a temporary file and moves it into its cache only when complete, so a cancelled
 * transfer leaves nothing in the cache.
 */
final class TransferLimits extends AbstractTransferListener {
    private final AtomicLong maxBytes = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
    private final AtomicReference<String> refusal = new AtomicReference<>();

    /** Starts the bounds of one resolution. */
    void start(long maxBytes, Duration within) {
        this.maxBytes.set(maxBytes);
        this.bytes.set(0);
        this.deadline.set(System.nanoTime() + within.toNanos());
        this.refusal.set(null);
    }

    /** Why the last resolution was cancelled, or null. */
    String refusal() {
        return refusal.get();
    }

    @Override
    public void transferInitiated(TransferEvent event) throws TransferCancelledException {
        checkDeadline();
    }

    @Override
    public void transferStarted(TransferEvent event) throws TransferCancelledException {
        long size = event.getResource().getContentLength();
        if (event.getRequestType() == TransferEvent.RequestType.GET && size > 0 && bytes.get() + size > maxBytes.get()) {
            cancel(event.getResource().getResourceName() + " is " + Sizes.human(size) + ", more than the "
                    + Sizes.human(maxBytes.get() - bytes.get()) + " left under the storage limit: refused before writing");
        }
        checkDeadline();
    }

    @Override
    public void transferProgressed(TransferEvent event) throws TransferCancelledException {
        if (event.getRequestType() == TransferEvent.RequestType.GET && bytes.addAndGet(event.getDataLength()) > maxBytes.get()) {
            cancel("the Maven download passed the " + Sizes.human(maxBytes.get()) + " left under the storage limit: refused");
        }
        checkDeadline();
    }

    private void checkDeadline() throws TransferCancelledException {
        if (System.nanoTime() > deadline.get()) {
            cancel("resolving the plugin passed its deadline: refused");
        }
    }

    private void cancel(String why) throws TransferCancelledException {
        refusal.compareAndSet(null, why);
        throw new TransferCancelledException(why);
    }
}
