package dev.oolong.extractor.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oolong.ErrorCode;
import dev.oolong.PlayerException;
import dev.oolong.TestMedia;
import dev.oolong.extractor.CryptoData;
import dev.oolong.extractor.FileExtractorRunner;
import dev.oolong.extractor.PacketRecorder;
import dev.oolong.extractor.TrackOutput;
import dev.oolong.media.PsshBox;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Common Encryption metadata, checked by its effect: every sample of ffmpeg's cenc fixtures is
 * decrypted here (AES-CTR, javax.crypto) with the extractor's IV and subsample map, and must
 * then equal the same sample of the clear file the fixture was made from. A wrong IV, a shifted
 * subsample or a sample attached to the wrong entry turns a sample into noise and fails.
 */
class CommonEncryptionTest {
  private static final String CLEAR = "mp4/h264-aac-moov-first.mp4";

  private static final String FRAGMENTED = "fragmented (built from mp4/cenc-parts)";

  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-cenc.mp4", FRAGMENTED})
  void decryptedSamplesEqualTheClearFile(String fixture) throws Exception {
    PacketRecorder enc = extract(read(fixture));
    assertDecryptsToClear(enc);
    for (PacketRecorder.Track t : enc.tracks()) {
      assertThat(t.format.encrypted()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mp4/h264-aac-cenc.mp4", FRAGMENTED})
  void withoutSencTheSameDataComesFromSaizSaio(String fixture) throws Exception {
    byte[] file = read(fixture);
    List<Integer> senc = BoxPatcher.find(file, "senc");
    assertThat(senc).isNotEmpty();
    for (int at : senc) {
      BoxPatcher.rename(file, at, "free"); // the bytes stay where saio points
    }
    PacketRecorder rec = extract(file);
    assertDecryptsToClear(rec);
    PacketRecorder withSenc = extract(read(fixture));
    for (int i = 0; i < rec.packets().size(); i++) {
      assertThat(rec.packets().get(i).cryptoSummary())
          .isEqualTo(withSenc.packets().get(i).cryptoSummary());
    }
  }

  @Test
  void psshInTheMoovIsReported() throws Exception {
    byte[] file = read(FRAGMENTED);
    byte[] kid = HexFormat.of().parseHex(TestMedia.cencKeyId());
    byte[] pssh = clearKeyPssh(kid);
    // Fragment offsets count from each moof (default-base-is-moof): a box may go into the moov.
    byte[] patched = BoxPatcher.appendToBox(file, BoxPatcher.find(file, "moov").get(0), pssh);
    PacketRecorder rec = extract(patched);
    assertThat(rec.pssh()).hasSize(1);
    PsshBox box = rec.pssh().get(0);
    assertThat(box.systemId()).isEqualTo(PsshBox.COMMON_SYSTEM_ID);
    assertThat(box.keyIds()).hasSize(1);
    assertThat(box.keyIds().get(0)).isEqualTo(kid);
    assertThat(box.data()).isEmpty();
    assertThat(box.box()).isEqualTo(pssh);
    assertDecryptsToClear(rec);
  }

  @Test
  void hostileSencCountIsATypedError() throws Exception {
    byte[] file = read(FRAGMENTED);
    int firstMoof = BoxPatcher.find(file, "moof").get(0);
    int senc = BoxPatcher.find(file, "senc").stream().filter(at -> at > firstMoof).findFirst().orElseThrow();
    file[senc + 12] = (byte) 0x7F; // sample_count's high byte
    assertThatThrownBy(() -> extract(file)).isInstanceOfSatisfying(PlayerException.class,
        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONTAINER_MALFORMED));
  }

  @Test
  void patternEncryptionDefaultsAreRead() throws Exception {
    // sinf { frma avc1, schm cbcs, schi { tenc v1: pattern 1:9, protected, IV size 0, KID,
    // constant IV of 16 bytes } }
    ByteArrayOutputStream tenc = new ByteArrayOutputStream();
    tenc.write(new byte[] {1, 0, 0, 0, 0, 0x19, 1, 0});
    tenc.write(HexFormat.of().parseHex("0123456789abcdef0123456789abcdef"));
    tenc.write(16);
    tenc.write(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"));
    byte[] schi = BoxPatcher.box("schi", BoxPatcher.box("tenc", tenc.toByteArray()));
    byte[] schm = BoxPatcher.box("schm", new byte[] {0, 0, 0, 0, 'c', 'b', 'c', 's', 0, 1, 0, 0});
    byte[] frma = BoxPatcher.box("frma", new byte[] {'a', 'v', 'c', '1'});
    byte[] body = concat(frma, schm, schi);
    CommonEncryption.TrackEncryption t = CommonEncryption.parseSinf(body, 0, body.length, 0);
    assertThat(t.scheme()).isEqualTo("cbcs");
    assertThat(t.isProtected()).isTrue();
    assertThat(t.perSampleIvSize()).isZero();
    assertThat(t.cryptByteBlock()).isEqualTo(1);
    assertThat(t.skipByteBlock()).isEqualTo(9);
    assertThat(HexFormat.of().formatHex(t.constantIv())).isEqualTo("00112233445566778899aabbccddeeff");
    // A senc without IVs (constant IV) and with subsamples.
    byte[] senc = {0, 0, 0, 2, 0, 0, 0, 1, 0, 1, 0, 5, 0, 0, 0, 32};
    CryptoData[] c = CommonEncryption.parseSenc(senc, 0, senc.length, t, 0);
    assertThat(c[0].iv()).isEqualTo(t.constantIv());
    assertThat(c[0].clearBytes()).containsExactly(5);
    assertThat(c[0].encryptedBytes()).containsExactly(32);
    assertThat(c[0].cryptByteBlock()).isEqualTo(1);
  }

  /**
   * A fixture's bytes. The fragmented one is ffmpeg's fragmented cenc output (encrypted samples,
   * but no senc/saiz/saio in its trafs) completed with the progressive fixture's IVs and
   * subsamples, which ffmpeg draws from the same per-track sequence: that they decrypt to the
   * clear file's samples is the check that the pairing is right.
   */
  private static byte[] read(String fixture) throws Exception {
    if (!fixture.equals(FRAGMENTED)) {
      return Files.readAllBytes(TestMedia.file(fixture));
    }
    PacketRecorder progressive = extract(Files.readAllBytes(TestMedia.file("mp4/h264-aac-cenc.mp4")));
    java.util.Map<Integer, List<CryptoData>> byTrack = new java.util.HashMap<>();
    for (PacketRecorder.Packet p : progressive.packets()) {
      byTrack.computeIfAbsent(p.streamIndex() + 1, k -> new ArrayList<>()).add(p.crypto());
    }
    byte[] raw = Files.readAllBytes(TestMedia.file("mp4/cenc-parts/fragmented-without-senc.bin"));
    return BoxPatcher.addSampleEncryption(raw, byTrack);
  }

  private static PacketRecorder extract(byte[] file) throws PlayerException {
    PacketRecorder rec = new PacketRecorder(true);
    FileExtractorRunner.run(file, new Mp4Extractor(), rec, 64 * 1024, true);
    return rec;
  }

  /** Decrypts every packet and compares it, stream by stream, with the clear fixture's packets. */
  private static void assertDecryptsToClear(PacketRecorder enc) throws Exception {
    PacketRecorder clear = new PacketRecorder(true);
    FileExtractorRunner.run(TestMedia.file(CLEAR), clear, 64 * 1024, true);
    byte[] key = HexFormat.of().parseHex(TestMedia.cencKey());
    byte[] kid = HexFormat.of().parseHex(TestMedia.cencKeyId());
    for (int stream = 0; stream < clear.tracks().size(); stream++) {
      List<byte[]> clearData = clear.tracks().get(stream).data;
      List<byte[]> encData = enc.tracks().get(stream).data;
      List<PacketRecorder.Packet> encPackets = packetsOf(enc, stream);
      assertThat(encData).hasSameSizeAs(clearData);
      int subsampled = 0;
      for (int i = 0; i < clearData.size(); i++) {
        PacketRecorder.Packet p = encPackets.get(i);
        assertThat(p.flags() & TrackOutput.FLAG_ENCRYPTED).as("packet %d", i).isNotZero();
        assertThat(p.crypto().scheme()).isEqualTo("cenc");
        assertThat(p.crypto().keyId()).isEqualTo(kid);
        subsampled += p.crypto().clearBytes().length > 0 ? 1 : 0;
        byte[] plain = Cenc.decryptCtr(encData.get(i), p.crypto(), key);
        assertThat(crc(plain)).as("stream %d packet %d decrypted", stream, i)
            .isEqualTo(crc(clearData.get(i)));
      }
      if (enc.tracks().get(stream).type == dev.oolong.media.TrackType.VIDEO) {
        assertThat(subsampled).as("video uses subsamples (NAL headers clear)").isEqualTo(clearData.size());
      }
    }
  }

  private static List<PacketRecorder.Packet> packetsOf(PacketRecorder rec, int stream) {
    List<PacketRecorder.Packet> out = new ArrayList<>();
    for (PacketRecorder.Packet p : rec.packets()) {
      if (p.streamIndex() == stream) {
        out.add(p);
      }
    }
    return out;
  }

  private static byte[] clearKeyPssh(byte[] kid) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {1, 0, 0, 0});
    b.write(HexFormat.of().parseHex(PsshBox.COMMON_SYSTEM_ID.replace("-", "")));
    b.write(new byte[] {0, 0, 0, 1});
    b.write(kid);
    b.write(new byte[] {0, 0, 0, 0});
    return BoxPatcher.box("pssh", b.toByteArray());
  }

  private static long crc(byte[] d) {
    CRC32 c = new CRC32();
    c.update(d);
    return c.getValue();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
