package io.chainbeasts.datasets;

import java.util.Optional;

/**
 * Wraps a producer with the {@link DiskCache}: the first {@link #fetch} fetches from the inner
 * producer and stores the bytes; later fetches with the same source key read only the cache. A
 * corrupt cache entry is reported, discarded and refetched from the inner producer.
 */
public final class CachingProducer implements SampleProducer {
    private final SampleProducer inner;
    private final DiskCache cache;
    private volatile boolean lastWasHit;

    public CachingProducer(SampleProducer inner, DiskCache cache) {
        this.inner = inner;
        this.cache = cache;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String sourceKey() {
        return inner.sourceKey();
    }

    @Override
    public byte[] fetch() {
        String key = inner.sourceKey();
        Optional<byte[]> hit = cache.get(key);
        if (hit.isPresent()) {
            lastWasHit = true;
            return hit.get();
        }
        lastWasHit = false;
        byte[] data = inner.fetch();
        cache.put(key, data);
        return data;
    }

    /** Whether the last {@link #fetch} was served from the cache. */
    public boolean lastFetchWasCacheHit() {
        return lastWasHit;
    }
}
