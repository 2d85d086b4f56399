package io.deconflict.service.snapshot;

import io.deconflict.engine.live.LiveSettings;
import io.deconflict.service.Defaults;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.party.Role;
import io.deconflict.service.party.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The envelope of a snapshot's state: a magic string, the format version, then named sections in a
 * fixed order, each its name and its bytes. The first section, {@value #SETTING}, is the
 * configuration the state was computed under (parties, members without their tokens, defaults): a
 * state is only valid under the same one, and the audit replays under it.
 *
 * <p>Stateless; thread-safe.
 */
public final class StateFormat {

  /** The version this code writes and reads. */
  public static final int VERSION = 2;

  /** The first bytes' text. */
  static final String MAGIC = "deconflict-state";

  /** The name of the section holding the configuration. */
  public static final String SETTING = "setting";

  private StateFormat() {}

  /** Builds a state: the envelope around sections written in order. */
  public static final class Builder {
    private final StateOut out = new StateOut(1 << 20);

    private Builder(Directory directory, Defaults defaults) {
      out.text(MAGIC).int32(VERSION);
      section(SETTING, o -> writeSetting(directory, defaults, o));
    }

    /** Adds a section with what {@code body} writes. */
    public Builder section(String name, Consumer<StateOut> body) {
      StateOut section = new StateOut();
      body.accept(section);
      out.text(name).blob(section.toByteArray());
      return this;
    }

    /** The state's bytes. */
    public byte[] build() {
      return out.toByteArray();
    }
  }

  /** A state computed under this configuration; sections follow. */
  public static Builder builder(Directory directory, Defaults defaults) {
    return new Builder(directory, defaults);
  }

  /**
   * The sections of a state, by name, in order, starting with {@value #SETTING}.
   *
   * @throws MalformedStateException if the bytes are not a state of this version
   */
  public static Map<String, byte[]> sections(byte[] state) {
    StateIn in = new StateIn(state);
    String magic = in.text();
    if (!magic.equals(MAGIC)) {
      throw in.malformed("not a deconflict state (it starts \"" + magic + "\")");
    }
    int version = in.int32();
    if (version != VERSION) {
      throw in.malformed("state format version " + version + "; this program reads " + VERSION);
    }
    Map<String, byte[]> sections = new LinkedHashMap<>();
    while (!in.atEnd()) {
      String name = in.text();
      if (sections.put(name, in.blob()) != null) {
        throw in.malformed("section " + name + " comes twice");
      }
    }
    if (!sections.containsKey(SETTING)) {
      throw in.malformed("no section " + SETTING);
    }
    return sections;
  }

  /** The bytes of the setting section for this configuration. */
  public static byte[] setting(Directory directory, Defaults defaults) {
    StateOut out = new StateOut();
    writeSetting(directory, defaults, out);
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
    boolean reckoning = in.bool();
    double positionMeters = in.float64();
    double speedMps = in.float64();
    double courseDegrees = in.float64();
    try {
      return new Setting(
          new Directory(parties, members),
          new Defaults(
              separation,
              minimumNotice,
              emergencyNotice,
              acknowledgeWithin,
              escalation,
              new LiveSettings.DeadReckoning(reckoning, positionMeters, speedMps, courseDegrees)));
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

  /** The configuration a state was computed under. */
  public record Setting(Directory directory, Defaults defaults) {}

  private static void writeSetting(Directory directory, Defaults defaults, StateOut out) {
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
    LiveSettings.DeadReckoning dr = defaults.deadReckoning();
    out.bool(dr.enabled()).float64(dr.positionMeters()).float64(dr.speedMps());
    out.float64(dr.courseDegrees());
  }
}
