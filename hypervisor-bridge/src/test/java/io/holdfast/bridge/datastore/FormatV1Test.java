package io.holdfast.bridge.datastore;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins format v1: a change here is a format change and must bump the version. */
class FormatV1Test {

    @Test
    void constantsArePinned() {
        assertThat(FormatV1.VERSION).isEqualTo(1);
        assertThat(FormatV1.CHUNK_SIZE).isEqualTo(4 * 1024 * 1024);
        assertThat(FormatV1.DIGEST_LENGTH).isEqualTo(32);
        assertThat(FormatV1.BLOB_HEADER_LENGTH).isEqualTo(12);
        assertThat(FormatV1.INDEX_HEADER_LENGTH).isEqualTo(64);
        assertThat(new String(FormatV1.BLOB_MAGIC, StandardCharsets.US_ASCII)).isEqualTo("HFC1");
        assertThat(FormatV1.INDEX_MAGIC).hasSize(8);
        assertThat(FormatV1.QUARANTINE_SUFFIX).isEqualTo(".bad");
        assertThat(FormatV1.chunkPath("abcdef" + "0".repeat(58))).isEqualTo("chunks/abcd/abcdef" + "0".repeat(58));
    }

    @Test
    void indexLayoutIsHeaderThenDigests() {
        FixedIndex index = new FixedIndex(10L * 1024 * 1024); // 3 blocks, the last one 2 MiB
        assertThat(index.chunkCount()).isEqualTo(3);
        assertThat(index.blockLength(2)).isEqualTo(2 * 1024 * 1024);
        Digest d = Digest.ofHex("11".repeat(32));
        index.set(1, d);
        byte[] bytes = index.toBytes();
        assertThat(bytes).hasSize(64 + 3 * 32);
        assertThat(HexFormat.of().formatHex(bytes, 0, 8)).isEqualTo("4846494458763100"); // "HFIDXv1\0"
        assertThat(HexFormat.of().formatHex(bytes, 64 + 32, 64 + 64)).isEqualTo("11".repeat(32));
        FixedIndex back = FixedIndex.parse(bytes, "t");
        assertThat(back.get(1)).isEqualTo(d);
        assertThat(back.get(0).isZeroBlock()).isTrue();
    }

    @Test
    void aTruncatedOrForeignIndexIsAClearError() {
        byte[] bytes = new FixedIndex(8L * 1024 * 1024).toBytes();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> FixedIndex.parse(truncated, "vda.fidx")).hasMessageContaining("vda.fidx is corrupt");
        assertThatThrownBy(() -> FixedIndex.parse(new byte[100], "x.fidx")).hasMessageContaining("bad header");
    }

    @Test
    void snapshotIdsRoundTripAndSortByTime() {
        SnapshotId a = SnapshotId.of("0b6f0cd2-1c52-4d2b-9a55-5d0f4c7c3a11", java.time.Instant.parse("2026-11-21T23:55:01.123Z"));
        assertThat(a.toString()).isEqualTo("0b6f0cd2-1c52-4d2b-9a55-5d0f4c7c3a11/2026-11-21T23-55-01.123Z");
        assertThat(SnapshotId.parse(a.toString())).isEqualTo(a);
        assertThat(a.startedAt()).isEqualTo(java.time.Instant.parse("2026-11-21T23:55:01.123Z"));
        assertThatThrownBy(() -> SnapshotId.parse("x/../y")).isInstanceOf(IllegalArgumentException.class);
    }
}
