package io.deconflict.service.picture;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * Packs a kept alert's JSON text small: DEFLATE with a preset dictionary of what every alert view
 * repeats (its field names, its kinds and states, the acknowledgement notice, the history's
 * phrases), so that an alert of about 1.3 KB of text is kept in a few hundred bytes. A fold keeps
 * hundreds of thousands of alerts this way (D31); the dictionary carries no meaning, only size: any
 * text packs and unpacks to itself.
 *
 * <p>Not thread-safe: one per fold, used under the fold's own discipline. Holds a native compressor
 * and decompressor, which the JDK's cleaner frees when the fold is dropped.
 */
final class AlertText {

  /**
   * What alert views repeat, the most frequent last (DEFLATE reaches the end of its window
   * cheapest). Changing it makes the saved pictures (D47) unusable: a start then folds the journal
   * from its first record once, and saves them again.
   */
  private static final byte[] DICTIONARY =
      ("{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[\"properties\":"
              + "{\"party\":\"\",\"kind\":\"movement\",\"times\":[\"radiusMeters\":"
              + "\"separationMeters\":\"verticalSeparationMeters\":\"validFrom\":\"validUntil\":"
              + "\"otherUnits\":[\"otherUnitCount\":\"closestPair\":{\"units\":[\"unit\":\""
              + "\"lapsed\":true,\"lapsedSince\":\"\"deconflictedNote\":\"\"resolution\":\""
              + "\"overdue\":true,\"acknowledged\":{\"by\":\"\",\"at\":\"\",\"meaning\":"
              + "\"seen, not approved\"},\"linked\":{\"alert\":\"al-\",\"conflictId\":\"cf-\","
              + "\"kind\":\"formation-formation\",\"plannedClosest\":\"unit-unit\""
              + "\"non-conformance\"\"incursion\"\"movement-site\"\"movement-zone\""
              + "\"counterpart\":[{\"party\":\"\",\"counterpart\":\"acknowledged\",\"note\":\""
              + "\"live\":{\"at\":\"\",\"level\":\"advisory\",\"caution\",\"warning\","
              + "\"distanceNowMeters\":\"timeToClosestSeconds\":\"distanceAtClosestMeters\":"
              + "\"timeToLossSeconds\":\"ownPosition\":[\"otherPosition\":[\"separationMeters\":"
              + "\"notice\":\"Acknowledging an alert means it was seen. It never means the movement"
              + " is approved.\"}\"history\":[{\"time\":\"\",\"what\":\"raised at level 1\"},"
              + "{\"time\":\"\",\"what\":\"situation updated\"},{\"time\":\"\",\"what\":\"now "
              + "escalated to level 2 (\"resolved: passed\"\"acknowledged by \" (seen, not approved)"
              + "\"closest\":{\"time\":\"\",\"distanceMeters\":\"own\":[\"other\":[\"]},"
              + "\"own\":{\"item\":\"\",\"version\":1,\"feature\":\"other\":{\"shares\":\"conflicts\""
              + ",\"party\":\"\",\"item\":\"\"},\"positions\"\"everything\"\"nothing\""
              + "\"start\":\"\",\"end\":\"\",\"location\":[\"channelSuspended\":false,"
              + "{\"id\":\"al-\",\"conflictId\":\"cf-\",\"recipient\":\"\",\"kind\":\"movement-movement\","
              + "\"state\":\"open\",\"level\":1,\"deadline\":\"\",\"raisedAt\":\"2027-10-08T0\"")
          .getBytes(StandardCharsets.UTF_8);

  /**
   * A fingerprint of the dictionary: packed text saved with the pictures (D47) unpacks only with
   * the same dictionary, so a saved file records it and is skipped under another.
   */
  static long fingerprint() {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(DICTIONARY);
    return crc.getValue() ^ ((long) DICTIONARY.length << 32);
  }

  /** Made on the first {@link #pack}: a picture being written only unpacks. */
  private @Nullable Deflater deflater;

  private final Inflater inflater = new Inflater();
  private byte[] buffer = new byte[4096];

  /** The text packed: its length in UTF-8, then the DEFLATE stream. */
  byte[] pack(byte[] text) {
    Deflater deflater = this.deflater;
    if (deflater == null) {
      deflater = new Deflater(Deflater.BEST_SPEED);
      this.deflater = deflater;
    }
    deflater.reset();
    deflater.setDictionary(DICTIONARY);
    deflater.setInput(text);
    deflater.finish();
    int need = text.length + text.length / 8 + 64;
    if (buffer.length < need) {
      buffer = new byte[need];
    }
    int n = 4;
    while (!deflater.finished()) {
      if (n == buffer.length) {
        buffer = Arrays.copyOf(buffer, 2 * buffer.length);
      }
      n += deflater.deflate(buffer, n, buffer.length - n);
    }
    buffer[0] = (byte) (text.length >>> 24);
    buffer[1] = (byte) (text.length >>> 16);
    buffer[2] = (byte) (text.length >>> 8);
    buffer[3] = (byte) text.length;
    return Arrays.copyOf(buffer, n);
  }

  /** The text {@link #pack} was given. */
  byte[] unpack(byte[] packed) {
    int length =
        (packed[0] & 0xFF) << 24
            | (packed[1] & 0xFF) << 16
            | (packed[2] & 0xFF) << 8
            | (packed[3] & 0xFF);
    byte[] text = new byte[length];
    inflater.reset();
    inflater.setInput(packed, 4, packed.length - 4);
    try {
      int n = 0;
      while (n < length) {
        int got = inflater.inflate(text, n, length - n);
        if (got == 0 && inflater.needsDictionary()) {
          inflater.setDictionary(DICTIONARY);
        } else if (got == 0 && (inflater.finished() || inflater.needsInput())) {
          throw new IllegalStateException(
              "a kept alert's text unpacked short: " + n + " of " + length + " bytes");
        }
        n += got;
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("a kept alert's text did not unpack", e);
    }
    return text;
  }
}
