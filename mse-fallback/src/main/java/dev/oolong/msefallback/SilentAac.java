package dev.oolong.msefallback;

/**
 * A silent AAC-LC raw data block for one or two channels, built bit by bit from ISO/IEC 14496-3
 * 4.4.2: one single-channel or channel-pair element whose individual channel streams have a
 * long window and no scale factor bands (so no spectral data: silence), then the END element.
 */
final class SilentAac {
  private SilentAac() {}

  /** The frame, or null for a channel count other than 1 or 2. */
  static byte[] frame(int channels) {
    if (channels != 1 && channels != 2) {
      return null;
    }
    Bits b = new Bits();
    b.put(channels == 1 ? 0 : 1, 3); // id_syn_ele: SCE or CPE
    b.put(0, 4); // element_instance_tag
    if (channels == 2) {
      b.put(0, 1); // common_window
    }
    for (int c = 0; c < channels; c++) {
      b.put(0, 8); // global_gain
      b.put(0, 1); // ics_reserved_bit
      b.put(0, 2); // window_sequence: ONLY_LONG_SEQUENCE
      b.put(0, 1); // window_shape
      b.put(0, 6); // max_sfb: no bands, so no section, scale factor or spectral data
      b.put(0, 1); // predictor_data_present
      b.put(0, 1); // pulse_data_present
      b.put(0, 1); // tns_data_present
      b.put(0, 1); // gain_control_data_present
    }
    b.put(7, 3); // ID_END
    return b.toByteArray();
  }

  private static final class Bits {
    private final byte[] data = new byte[16];
    private int bit;

    void put(int value, int n) {
      for (int i = n - 1; i >= 0; i--, bit++) {
        if (((value >> i) & 1) != 0) {
          data[bit >> 3] |= (byte) (0x80 >> (bit & 7));
        }
      }
    }

    byte[] toByteArray() {
      return java.util.Arrays.copyOf(data, (bit + 7) >> 3);
    }
  }
}
