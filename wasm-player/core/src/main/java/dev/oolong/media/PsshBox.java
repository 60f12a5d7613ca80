package dev.oolong.media;

import java.util.List;

/**
 * A Protection System Specific Header box (ISO/IEC 23001-7 8.1): what a content decryption
 * module needs to request licences. EME takes the whole box as {@code cenc} initialisation data.
 *
 * @param systemId the DRM system's UUID, lower-case with dashes
 * @param keyIds the key ids a version-1 box lists (16 bytes each; empty for version 0)
 * @param data the system-specific data
 * @param box the whole box, header included
 */
public record PsshBox(String systemId, List<byte[]> keyIds, byte[] data, byte[] box) {
  /** W3C "Common" system id, used by ClearKey. */
  public static final String COMMON_SYSTEM_ID = "1077efec-c0b2-4d02-ace3-3c1e52e2fb4b";

  public PsshBox {
    keyIds = List.copyOf(keyIds);
  }
}
