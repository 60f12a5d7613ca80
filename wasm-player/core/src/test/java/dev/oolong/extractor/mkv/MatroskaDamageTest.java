package dev.oolong.extractor.mkv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oolong.TestMedia;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EBML damage inside a Cluster: the rest of that Cluster is given up and reading resumes at the
 * next one. The oracle is the intact file's extraction and the Cluster timestamps read from the
 * bytes: what comes out is the intact packets in order, every one of them outside the damaged
 * Cluster's time span. Before, the first damaged header was a critical error.
 */
class MatroskaDamageTest {
  /** How far presentation times may stray from their Cluster's span (B-frame reordering). */
  static final long REORDER_MS = 300;
  /** How the first SimpleBlock of the third Cluster is hit. */
  enum Hit {
    /** its size's first byte made 0 (a size of 9 bytes: impossible) */
    SIZE,
    /** its ID made one a Cluster cannot hold */
    ID,
    /** the size of its Cluster's last SimpleBlock made to reach past the Cluster */
    OVERRUN
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"mkv/h264-aac.mkv,SIZE", "mkv/h264-aac.mkv,ID", "mkv/h264-aac.mkv,OVERRUN",
      "mkv/h264-aac.mkvmerge.mkv,SIZE", "webm/vp9-opus.webm,ID", "webm/vp9-opus.webm,OVERRUN"})
  void damageInAClusterCostsOnlyTheRestOfThatCluster(String fixture, Hit hit) throws Exception {
    byte[] intact = Files.readAllBytes(TestMedia.file(fixture));
    List<Integer> clusters = new ArrayList<>();
    for (int i = 0; i + 4 <= intact.length; i++) {
      if (intact[i] == 0x1F && intact[i + 1] == 0x43 && intact[i + 2] == (byte) 0xB6 && intact[i + 3] == 0x75) {
        clusters.add(i);
      }
    }
    assertThat(clusters).as("clusters in %s", fixture).hasSizeGreaterThanOrEqualTo(4);
    int cluster = clusters.get(2);
    // Its header, then children up to the first SimpleBlock
    int p = cluster + 4 + MatroskaExtractor.vintLength(intact[cluster + 4]);
    long spanStart = -1;
    while (intact[p] != (byte) 0xA3) {
      int idLength = MatroskaExtractor.vintLength(intact[p]);
      int sizeLength = MatroskaExtractor.vintLength(intact[p + idLength]);
      long size = MatroskaExtractor.readVint(intact, p + idLength, sizeLength);
      if (intact[p] == (byte) 0xE7) {
        spanStart = 0;
        for (int i = 0; i < size; i++) {
          spanStart = spanStart << 8 | (intact[p + idLength + sizeLength + i] & 0xFF);
        }
      }
      p += idLength + sizeLength + (int) size;
    }
    assertThat(spanStart).as("the Cluster's Timestamp").isNotNegative();
    long spanEnd = timestampOf(intact, clusters.get(3));
    byte[] damaged = intact.clone();
    switch (hit) {
      case SIZE -> damaged[p + 1] = 0;
      case ID -> damaged[p] = (byte) 0x88;
      case OVERRUN -> {
        int last = p;
        for (int q = p; q < clusters.get(3); ) {
          int sizeLength = MatroskaExtractor.vintLength(intact[q + 1]);
          if (intact[q] == (byte) 0xA3) {
            last = q;
          }
          q += 1 + sizeLength + (int) MatroskaExtractor.readVint(intact, q + 1, sizeLength);
        }
        int sizeLength = MatroskaExtractor.vintLength(intact[last + 1]);
        int lastByte = last + sizeLength; // +16 bytes, in the size's last byte (no carry wanted)
        assertThat(intact[lastByte] & 0xFF).isLessThan(0xEF);
        damaged[lastByte] = (byte) (intact[lastByte] + 16);
      }
    }
    PacketRecorder good = new PacketRecorder();
    FileExtractorRunner.run(intact, new MatroskaExtractor(), good, 4096, true);
    PacketRecorder bad = new PacketRecorder();
    MatroskaExtractor e = new MatroskaExtractor();
    FileExtractorRunner.run(damaged, e, bad, 4096, true);

    assertThat(good.packets()).containsSubsequence(bad.packets());
    List<PacketRecorder.Packet> lost = new ArrayList<>(good.packets());
    lost.removeAll(bad.packets());
    assertThat(lost).as("what the damage cost").isNotEmpty();
    // Timestamps in ms (the fixtures' TimestampScale). A Cluster holds blocks in decode order,
    // so a picture's presentation time may reach past the next Cluster's start by the reordering
    for (PacketRecorder.Packet x : lost) {
      assertThat(x.ptsUs() / 1000).as("a lost packet lies in the damaged Cluster [%d, %d): %s", spanStart, spanEnd, x)
          .isBetween(spanStart - REORDER_MS, spanEnd + REORDER_MS);
    }
    assertThat(bad.packets().stream().filter(x -> x.ptsUs() / 1000 >= spanEnd + REORDER_MS).count())
        .as("everything after the damaged Cluster")
        .isEqualTo(good.packets().stream().filter(x -> x.ptsUs() / 1000 >= spanEnd + REORDER_MS).count());
    assertThat(e.damagedUnits()).isPositive();
    if (hit != Hit.OVERRUN) {
      assertThat(e.resyncs()).isEqualTo(1);
    }
  }

  /** The Timestamp of the Cluster at {@code c} (after an optional CRC-32). */
  private static long timestampOf(byte[] d, int c) {
    int p = c + 4 + MatroskaExtractor.vintLength(d[c + 4]);
    if (d[p] == (byte) 0xBF) {
      p += 6;
    }
    assertThat(d[p]).isEqualTo((byte) 0xE7);
    int size = d[p + 1] & 0x7F;
    long v = 0;
    for (int i = 0; i < size; i++) {
      v = v << 8 | (d[p + 2 + i] & 0xFF);
    }
    return v;
  }
}
