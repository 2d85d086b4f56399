package io.deconflict.service.picture;

import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.service.Viewer;
import io.deconflict.service.retention.Retention;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in pictures saved in a file of the node's data directory (D47), so that a start folds
 * only the journal's records after them instead of the whole journal: a cache, like the state's
 * snapshots (deleting it loses nothing; the next start folds from record 1 and saves it again).
 *
 * <p>Layout: the text {@value #MAGIC}, the format version, the position the folds stand at and the
 * hash of the journal's record there, the retention they forget by, the fingerprint of {@link
 * AlertText}'s dictionary (packed alerts are kept as they are), then each audience's party and
 * {@link Knowledge#writeTo fold}; last, the SHA-256 of everything before it. A file is used only if
 * its checksum holds, its version, retention and dictionary are this program's, and the journal's
 * record at its position has its hash (the same journal, not one replaced or rolled back); else it
 * is skipped with a log line.
 *
 * <p>Written to a scratch file beside it and moved over it, so a crash leaves the old file or the
 * new one. Stateless; thread-safe.
 */
final class PictureFile {

  private static final Logger LOG = LoggerFactory.getLogger(PictureFile.class);

  static final String MAGIC = "deconflict-pictures";
  static final int VERSION = 1;
  private static final int HASH = 32;

  /** Folds read back, and the position they stand at. */
  record Saved(long position, Map<Viewer, Knowledge> folds) {}

  private PictureFile() {}

  /**
   * Saves {@code folds}, standing at {@code position} of {@code journal}, into {@code file}.
   *
   * @throws IOException if it cannot be written (the old file, if any, stays)
   */
  static void save(
      Path file, Journal journal, long position, Retention retention, Map<Viewer, Knowledge> folds)
      throws IOException {
    byte[] head =
        hashAt(journal, position).orElseThrow(() -> new IOException("no record " + position));
    Path dir = file.toAbsolutePath().getParent();
    Path scratch = Files.createTempFile(dir, file.getFileName().toString(), ".part");
    try {
      MessageDigest sha = sha256();
      try (FileChannel channel =
              FileChannel.open(
                  scratch, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream buffered =
              new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        DataOutputStream out = new DataOutputStream(new DigestOutputStream(buffered, sha));
        out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
        out.writeInt(VERSION);
        out.writeLong(position);
        out.write(head);
        out.writeLong(retention.keep().toMillis());
        out.writeLong(AlertText.fingerprint());
        out.writeInt(folds.size());
        for (Map.Entry<Viewer, Knowledge> f : folds.entrySet()) {
          out.writeUTF(f.getKey().party());
          f.getValue().writeTo(out);
        }
        out.flush();
        buffered.write(sha.digest());
        buffered.flush();
        channel.force(true);
      }
      Files.move(
          scratch, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(scratch);
    }
  }

  /** A file read back: where it stands, what it was saved under, the folds; or what is wrong. */
  record Parsed(
      long position,
      byte[] head,
      long keepMillis,
      long fingerprint,
      Map<Viewer, Knowledge> folds) {}

  /**
   * The folds saved in {@code file}, if it is there and usable with {@code journal} and {@code
   * retention}; otherwise empty, having logged why.
   */
  static Optional<Saved> load(Path file, Journal journal, Retention retention) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Parsed parsed;
    try {
      parsed = read(file, retention);
    } catch (IOException | RuntimeException e) {
      return skip(file, String.valueOf(e.getMessage()));
    }
    if (parsed.keepMillis() != retention.keep().toMillis()) {
      return skip(file, "saved under another retention.keep");
    }
    if (parsed.fingerprint() != AlertText.fingerprint()) {
      return skip(file, "saved by a program that packs alerts otherwise");
    }
    Optional<byte[]> there = hashAt(journal, parsed.position());
    if (there.isEmpty() || !Arrays.equals(there.get(), parsed.head())) {
      return skip(
          file,
          "the journal "
              + (there.isEmpty() ? "has no record " : "has another record at ")
              + parsed.position());
    }
    return Optional.of(new Saved(parsed.position(), parsed.folds()));
  }

  /**
   * Reads a pictures file whatever journal it belongs to, its folds forgetting as {@code retention}
   * says.
   *
   * @throws IOException naming what is wrong: the checksum, the format, a truncated fold
   */
  static Parsed read(Path file, Retention retention) throws IOException {
    long size = Files.size(file);
    if (size < HASH || !checksumHolds(file, size)) {
      throw new IOException("the checksum does not match");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream in = new DataInputStream(new Bounded(raw, size - HASH));
      byte[] magic = new byte[MAGIC.length()];
      in.readFully(magic);
      if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
        throw new IOException("not a pictures file");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException("format version " + version + "; this program reads " + VERSION);
      }
      long position = in.readLong();
      byte[] head = new byte[HASH];
      in.readFully(head);
      long keep = in.readLong();
      long fingerprint = in.readLong();
      int n = in.readInt();
      Map<Viewer, Knowledge> folds = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        Viewer viewer = new Viewer(in.readUTF());
        folds.put(viewer, Knowledge.readFrom(in, retention));
      }
      return new Parsed(position, head, keep, fingerprint, folds);
    } catch (RuntimeException e) {
      throw new IOException("cannot read it: " + e, e);
    }
  }

  private static Optional<Saved> skip(Path file, String why) {
    LOG.warn("skipping the saved sign-in pictures {}: {}", file, why);
    return Optional.empty();
  }

  private static boolean checksumHolds(Path file, long size) throws IOException {
    MessageDigest sha = sha256();
    byte[] stored = new byte[HASH];
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DigestInputStream in = new DigestInputStream(new Bounded(raw, size - HASH), sha);
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // digesting
      }
      int got = raw.readNBytes(stored, 0, HASH);
      return got == HASH && MessageDigest.isEqual(stored, sha.digest());
    }
  }

  private static Optional<byte[]> hashAt(Journal journal, long position) {
    if (position < 1) {
      return Optional.empty();
    }
    List<JournalRecord> at = new ArrayList<>(1);
    journal.read(position, position, at::add);
    return at.isEmpty() ? Optional.empty() : Optional.of(at.get(0).hash());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The first {@code limit} bytes of a stream; the rest is left in it. */
  private static final class Bounded extends java.io.FilterInputStream {
    private long left;

    Bounded(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
