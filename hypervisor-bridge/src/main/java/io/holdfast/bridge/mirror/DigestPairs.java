package io.holdfast.bridge.mirror;

import io.holdfast.bridge.datastore.Digest;
import io.holdfast.bridge.datastore.FixedIndex;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which destination digest a source digest has when the two datastores have different keys (a block's digest
 * is keyed, so the same block has another digest at each end). Learnt while blocks are re-keyed, and seeded
 * from a snapshot committed at both ends by pairing its two indexes position by position, so an incremental
 * after it needs only its new blocks read from the source. Holds one instance's blocks at a time.
 */
final class DigestPairs {

    private final Map<Digest, Digest> pairs = new ConcurrentHashMap<>();

    Digest destinationOf(Digest source) {
        return pairs.get(source);
    }

    void learn(Digest source, Digest destination) {
        pairs.put(source, destination);
    }

    /** Pairs a snapshot's source index with the index the mirror wrote for it; false if they do not line up. */
    boolean seed(FixedIndex source, FixedIndex destination) {
        if (source.chunkCount() != destination.chunkCount() || source.diskSize() != destination.diskSize()) {
            return false;
        }
        for (int i = 0; i < source.chunkCount(); i++) {
            Digest s = source.get(i);
            Digest d = destination.get(i);
            if (s.isZeroBlock() != d.isZeroBlock()) {
                return false;
            }
            if (!s.isZeroBlock()) {
                pairs.put(s, d);
            }
        }
        return true;
    }

    void clear() {
        pairs.clear();
    }

    /** The source index with every digest replaced by its destination digest (all must be known). */
    FixedIndex translate(FixedIndex source) {
        FixedIndex out = new FixedIndex(source.diskSize());
        for (int i = 0; i < source.chunkCount(); i++) {
            Digest s = source.get(i);
            if (s.isZeroBlock()) {
                continue;
            }
            Digest d = pairs.get(s);
            if (d == null) {
                throw new IllegalStateException("no destination digest for block " + i + " (" + s.hex() + ")");
            }
            out.set(i, d);
        }
        return out;
    }
}
