package io.deconflict.service.snapshot;

import io.deconflict.engine.live.LiveSettings;
import io.deconflict.service.Defaults;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import io.deconflict.service.retention.Retention;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The envelope of a snapshot's state: a magic string, the format version, then named sections in a
 * fixed order, each its name and its bytes in chunks ({@link Sections}: written and read as
 * streams, so no step holds a whole state in memory). The first section, {@value #SETTING}, is the
 * configuration the state was computed under (parties, members without their tokens, defaults,
 * retention): a state is only valid under the same one, and the audit replays under it.
 *
 * <p>Older versions are not read: a start skips such a snapshot with a log line and replays the
 * journal. Version 1 (before retention) framed each section as one length-prefixed blob; version 2
 * had no dead reckoning (no {@code settings} section, no predictions in the live tracker's state);
 * version 3 kept formations in the configuration (a flag in {@value #SETTING} and a {@code
 * formations} section only when it was on), where version 4 has them in the journaled settings and
 * always a {@code formations} section. Version 5 adds reconfirmation (D36): each agreement's
 * reconfirmation rule and a {@code reconfirmations} section; and the vertical separation of every
 * agreement version and every notified movement, and the live units' heights (D37). Version 6 adds
 * a {@code participations} section: every joint movement's participants' answers (D39). Versions 4
 * and 5 are still read (no participant had answered then). Version 4 is still read (its agreements
 * ask for no reconfirmation, each site and zone was last confirmed when it was notified, and every
 * vertical separation was the default).
 *
 * <p>Stateless; thread-safe.
 */
public final class StateFormat {

  /** The version this code writes and reads. */
  public static final int VERSION = 6;

  /** The first version with joint movements' participations (D39). */
  public static final int JOINT = 6;

  /** The first version with vertical separations (D37). */
  public static final int VERTICAL = 5;

  /** The oldest version this code still reads. */
  public static final int OLDEST_READ = 4;

  /** The first bytes' text. */
  static final String MAGIC = "deconflict-state";

  /** The name of the section holding the configuration. */
  public static final String SETTING = "setting";

  private StateFormat() {}

  /** Writes a state into a stream: the envelope, then sections in order. */
  public static final class Writer {
    private final OutputStream out;
    private final StateOut header;

    private Writer(OutputStream out, Directory directory, Defaults defaults, Retention retention) {
      this.out = out;
      this.header = new StateOut(out);
      header.text(MAGIC).int32(VERSION);
      section(SETTING, o -> writeSetting(directory, defaults, retention, o));
    }

    /** Adds a section with what {@code body} writes. */
    public Writer section(String name, Consumer<StateOut> body) {
      header.text(name);
      Sections.Writer chunks = new Sections.Writer(out);
      body.accept(new StateOut(chunks));
      chunks.close();
      return this;
    }

    /**
     * Flushes the stream (the caller closes it).
     *
     * @throws UncheckedIOException if the stream fails
     */
    public void finish() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write a state: " + e.getMessage(), e);
      }
    }
  }

  /** A state computed under this configuration, written into {@code out}; sections follow. */
  public static Writer writer(
      OutputStream out, Directory directory, Defaults defaults, Retention retention) {
    return new Writer(out, directory, defaults, retention);
  }

  /** Reads a state's sections from a stream, in order. */
  public static final class Reader {
    private final InputStream in;
    private final StateIn header;
    private final int version;
    private Sections.@Nullable Reader current;

    /**
     * Reads the envelope.
     *
     * @throws MalformedStateException if it is not a state of this version
     */
    private Reader(InputStream in) {
      this.in = in;
      this.header = StateIn.exact(in);
      String magic = header.text();
      if (!magic.equals(MAGIC)) {
        throw header.malformed("not a deconflict state (it starts \"" + magic + "\")");
      }
      version = header.int32();
      if (version < OLDEST_READ || version > VERSION) {
        throw header.malformed(
            "state format version "
                + version
                + "; this program reads "
                + OLDEST_READ
                + " to "
                + VERSION);
      }
    }

    /** The state's format version, {@link #OLDEST_READ} to {@link #VERSION}. */
    public int version() {
      return version;
    }

    /**
     * The next section's name, or empty after the last; passes the rest of the section before.
     *
     * @throws MalformedStateException if the framing is damaged
     */
    public Optional<String> next() {
      try {
        if (current != null) {
          current.skipRest();
          current = null;
        }
      } catch (IOException e) {
        throw new MalformedStateException("the framing of a section: " + e.getMessage());
      }
      if (header.atEnd()) {
        return Optional.empty();
      }
      String name = header.text();
      current = new Sections.Reader(in);
      return Optional.of(name);
    }

    /** The bytes of the section {@link #next} named, as a stream. */
    public InputStream body() {
      Sections.Reader r = current;
      if (r == null) {
        throw new IllegalStateException("no section: call next() first");
      }
      return r;
    }
  }

  /**
   * The format version of the state in {@code in}, which is read as far as its envelope.
   *
   * @throws MalformedStateException if it is not a state of a version this code reads
   */
  public static int version(InputStream in) {
    return new Reader(in).version();
  }

  /**
   * Reads a state from {@code in} (buffer it).
   *
   * @throws MalformedStateException if it is not a state of this version
   */
  public static Reader reader(InputStream in) {
    return new Reader(in);
  }

  /**
   * The sections of a state held in memory, by name, in order, starting with {@value #SETTING}.
   *
   * @throws MalformedStateException if the bytes are not a state of this version
   */
  public static Map<String, byte[]> sections(byte[] state) {
    Reader reader = reader(new ByteArrayInputStream(state));
    Map<String, byte[]> sections = new LinkedHashMap<>();
    for (Optional<String> name = reader.next(); name.isPresent(); name = reader.next()) {
      byte[] bytes;
      try {
        bytes = reader.body().readAllBytes();
      } catch (IOException e) {
        throw new MalformedStateException("section " + name.get() + ": " + e.getMessage());
      }
      if (sections.put(name.get(), bytes) != null) {
        throw new MalformedStateException("section " + name.get() + " comes twice");
      }
    }
    if (!sections.containsKey(SETTING)) {
      throw new MalformedStateException("no section " + SETTING);
    }
    return sections;
  }

  /**
   * The SHA-256 of each section of a state read from {@code in}, by name, in order: what the audit
   * compares, one chunk in memory at a time.
   *
   * @throws MalformedStateException if it is not a state of this version
   */
  public static Map<String, byte[]> digests(InputStream in) {
    Reader reader = reader(in);
    Map<String, byte[]> out = new LinkedHashMap<>();
    byte[] buffer = new byte[1 << 16];
    for (Optional<String> name = reader.next(); name.isPresent(); name = reader.next()) {
      MessageDigest sha256;
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime must provide SHA-256", e);
      }
      try (InputStream body = reader.body()) {
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
          sha256.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new MalformedStateException("section " + name.get() + ": " + e.getMessage());
      }
      if (out.put(name.get(), sha256.digest()) != null) {
        throw new MalformedStateException("section " + name.get() + " comes twice");
      }
    }
    return out;
  }

  /** The bytes of the setting section for this configuration. */
  public static byte[] setting(Directory directory, Defaults defaults, Retention retention) {
    StateOut out = new StateOut();
    writeSetting(directory, defaults, retention, out);
    return out.toByteArray();
  }

  /**
   * The configuration a state's setting section describes, as far as replay needs it: members get
   * stand-in token hashes (a snapshot holds no secrets), so nobody can sign in with it.
   *
   * @throws MalformedStateException if the section is malformed
   */
  public static Setting readSetting(byte[] section) {
    StateIn in = new StateIn(section);
    int partyCount = in.count();
    List<Party> parties = new ArrayList<>(partyCount);
    for (int i = 0; i < partyCount; i++) {
      parties.add(new Party(in.text(), in.text(), in.text()));
    }
    int memberCount = in.count();
    List<Member> members = new ArrayList<>(memberCount);
    for (int i = 0; i < memberCount; i++) {
      String id = in.text();
      String party = in.text();
      Role role = in.constant(Role.class);
      String name = in.text();
      members.add(new Member(id, party, role, name, Tokens.sha256("snapshot stand-in " + id)));
    }
    double separation = in.float64();
    Duration minimumNotice = in.duration();
    Duration emergencyNotice = in.duration();
    Duration acknowledgeWithin = in.duration();
    List<Duration> escalation = List.of(in.duration(), in.duration());
    Duration keep = in.duration();
    boolean formations = !in.atEnd() && in.bool();
    boolean jobDetection = !in.atEnd() && in.bool();
    try {
      return new Setting(
          new Directory(parties, members),
          new Defaults(
              separation,
              minimumNotice,
              emergencyNotice,
              acknowledgeWithin,
              escalation,
              LiveSettings.DeadReckoning.DEFAULT, // in force by the settings section, not this one
              formations,
              jobDetection),
          new Retention(keep));
    } catch (IllegalArgumentException e) {
      throw in.malformed("the setting: " + e.getMessage());
    }
  }

  /**
   * The configuration a whole state names in its setting section ({@link #readSetting}).
   *
   * @throws MalformedStateException if the state is malformed
   */
  public static Setting settingOf(byte[] state) {
    return readSetting(sections(state).getOrDefault(SETTING, new byte[0]));
  }

  /**
   * The configuration a state read from {@code in} names in its setting section ({@link
   * #readSetting}); reads only that section.
   *
   * @throws MalformedStateException if the state is malformed
   */
  public static Setting settingOf(InputStream in) {
    Reader reader = reader(in);
    Optional<String> first = reader.next();
    if (first.isEmpty() || !first.get().equals(SETTING)) {
      throw new MalformedStateException("the first section is not " + SETTING);
    }
    try {
      return readSetting(reader.body().readAllBytes());
    } catch (IOException e) {
      throw new MalformedStateException("section " + SETTING + ": " + e.getMessage());
    }
  }

  /** The configuration a state was computed under. */
  public record Setting(Directory directory, Defaults defaults, Retention retention) {}

  private static void writeSetting(
      Directory directory, Defaults defaults, Retention retention, StateOut out) {
    out.int32(directory.parties().size());
    for (Party p : directory.parties()) {
      out.text(p.id()).text(p.name()).text(p.language());
    }
    out.int32(directory.members().size());
    for (Member m : directory.members()) {
      out.text(m.id()).text(m.party()).constant(m.role()).text(m.name());
    }
    out.float64(defaults.separationMeters());
    out.duration(defaults.minimumNotice()).duration(defaults.emergencyNotice());
    out.duration(defaults.acknowledgeWithin());
    if (defaults.escalation().size() != 2) {
      throw new IllegalStateException("escalation must hold 2 durations");
    }
    defaults.escalation().forEach(out::duration);
    out.duration(retention.keep());
    out.bool(defaults.jobDetection()); // D32: a state of one mode is not the other's
  }
}
