package io.deconflict.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of a record: SHA-256 of the canonical encoding documented on {@link JournalRecord}.
 *
 * <p>Thread-safe: stateless. Cost: one SHA-256 pass over about 60 bytes plus the type and payload.
 */
final class Hashes {

  /** The length of every hash, in bytes. */
  static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  /** Hex digits shown of a hash in a message. */
  private static final int ABBREVIATED_DIGITS = 12;

  private Hashes() {}

  /** The hash of a record with these fields; {@code previousHash} is {@value #LENGTH} bytes. */
  static byte[] of(long seq, Instant time, String type, byte[] payload, byte[] previousHash) {
    byte[] typeUtf8 = type.getBytes(StandardCharsets.UTF_8);
    MessageDigest sha256 = sha256();
    sha256.update(
        ByteBuffer.allocate(Long.BYTES + Long.BYTES + Integer.BYTES + Integer.BYTES)
            .putLong(seq)
            .putLong(time.getEpochSecond())
            .putInt(time.getNano())
            .putInt(typeUtf8.length)
            .array());
    sha256.update(typeUtf8);
    sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(payload.length).array());
    sha256.update(payload);
    sha256.update(previousHash);
    return sha256.digest();
  }

  /**
   * The checksum of a snapshot: SHA-256 of its sequence number (8 bytes), its time (8 + 4), its
   * head hash (32), the length of its state (8) and the state, big-endian as {@link #of} writes.
   */
  static byte[] ofSnapshot(long seq, Instant time, byte[] headHash, long length, InputStream state)
      throws IOException {
    MessageDigest sha256 = sha256();
    sha256.update(
        ByteBuffer.allocate(Long.BYTES + Long.BYTES + Integer.BYTES)
            .putLong(seq)
            .putLong(time.getEpochSecond())
            .putInt(time.getNano())
            .array());
    sha256.update(headHash);
    sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(length).array());
    byte[] buffer = new byte[1 << 16];
    long read = 0;
    for (int n = state.read(buffer); n >= 0; n = state.read(buffer)) {
      sha256.update(buffer, 0, n);
      read += n;
    }
    if (read != length) {
      throw new IOException("the state has " + read + " bytes, not " + length);
    }
    return sha256.digest();
  }

  /** The hash in lowercase hex, all 64 digits. */
  static String hex(byte[] hash) {
    return HEX.formatHex(hash);
  }

  /** The first hex digits of the hash followed by {@code ...}, for messages. */
  static String abbreviated(byte[] hash) {
    String hex = hex(hash);
    return hex.length() <= ABBREVIATED_DIGITS ? hex : hex.substring(0, ABBREVIATED_DIGITS) + "...";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
