package io.deconflict.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A scenario: who takes part, what they agreed, the map, and what each party notifies.
 *
 * <p>Features are GeoJSON Feature objects as {@code docs/formats.md} describes them, with {@code
 * properties.kind} and {@code properties.party} set: ready to post to {@code /api/v1/movements},
 * {@code /sites} or {@code /zones} by an officer of that party, or to hand to {@link
 * io.deconflict.geojson.GeoJsonFeatures#parse}. They are shared: copy one ({@code deepCopy()})
 * before changing it. Item ids are unique across the whole scenario, so the engine needs no
 * re-keying.
 *
 * @param parties the parties with their members, in the order of {@code parties.json}
 * @param operators the mechanism's operators (party {@code mechanism})
 * @param agreements what the operator records, oldest first
 * @param places named places (Points)
 * @param roads the main roads (LineStrings)
 * @param zones zones, with {@code properties.access}
 * @param sites sites, with {@code properties.radiusMeters}
 * @param movements movements in file order: the encounters' first, then the routine patrols
 * @param notifyAt when each movement (by id) is notified: the demo posts it once its clock is there
 * @param encounters the five reported encounters, in order
 */
public record Scenario(
    List<Party> parties,
    List<Member> operators,
    List<AgreementPlan> agreements,
    List<ObjectNode> places,
    List<ObjectNode> roads,
    List<ObjectNode> zones,
    List<ObjectNode> sites,
    List<ObjectNode> movements,
    Map<String, Instant> notifyAt,
    List<Encounter> encounters) {

  /** The reserved party of the mechanism's operators. */
  public static final String MECHANISM = "mechanism";

  /**
   * One party.
   *
   * @param id the party id, e.g. {@code us}
   * @param name display name
   * @param language {@code en}, {@code ru}, {@code ar} or {@code tr}
   * @param members its members
   */
  public record Party(String id, String name, String language, List<Member> members) {

    /** Copies the members. */
    public Party {
      members = List.copyOf(members);
    }

    /** The first member with this role, if any. */
    public Optional<Member> member(String role) {
      return members.stream().filter(m -> m.role().equals(role)).findFirst();
    }
  }

  /**
   * One member.
   *
   * @param id member id
   * @param name display name
   * @param role {@code officer}, {@code commander}, {@code observer} or {@code operator}
   */
  public record Member(String id, String name, String role) {}

  /**
   * One agreement: its first version is posted, each later one put as the next version.
   *
   * @param key a name for people, e.g. {@code us-ru}
   * @param summary what it is
   * @param source where its terms come from, and what is invented
   * @param versions bodies for {@code POST /api/v1/agreements} and {@code PUT
   *     /api/v1/agreements/{id}}
   */
  public record AgreementPlan(
      String key, String summary, String source, List<ObjectNode> versions) {

    /** Copies the versions. */
    public AgreementPlan {
      versions = List.copyOf(versions);
    }
  }

  /** Copies every list and map. */
  public Scenario {
    parties = List.copyOf(parties);
    operators = List.copyOf(operators);
    agreements = List.copyOf(agreements);
    places = List.copyOf(places);
    roads = List.copyOf(roads);
    zones = List.copyOf(zones);
    sites = List.copyOf(sites);
    movements = List.copyOf(movements);
    notifyAt = Map.copyOf(notifyAt);
    encounters = List.copyOf(encounters);
  }

  /** The party with this id. */
  public Party party(String id) {
    return parties.stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no party \"" + id + "\" in the scenario"));
  }

  /** Zones, sites and movements, in that order. */
  public List<ObjectNode> items() {
    List<ObjectNode> all = new ArrayList<>(zones);
    all.addAll(sites);
    all.addAll(movements);
    return all;
  }

  /** The zone, site or movement with this id. */
  public Optional<ObjectNode> item(String id) {
    return items().stream().filter(f -> f.path("id").asText().equals(id)).findFirst();
  }

  /** The encounter with this number, 1 to 5. */
  public Encounter encounter(int number) {
    return encounters.stream()
        .filter(e -> e.number() == number)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no encounter " + number));
  }

  /** The days (UTC) on which a movement starts, in order: the scenario days. */
  public List<LocalDate> days() {
    TreeSet<LocalDate> days = new TreeSet<>();
    for (ObjectNode m : movements) {
      days.add(LocalDate.ofInstant(start(m), ZoneOffset.UTC));
    }
    return List.copyOf(days);
  }

  /** When a movement feature starts: its first time. */
  public static Instant start(ObjectNode movement) {
    return Instant.parse(movement.path("properties").path("times").get(0).asText());
  }

  /** When a movement feature ends: its last time. */
  public static Instant end(ObjectNode movement) {
    var times = movement.path("properties").path("times");
    return Instant.parse(times.get(times.size() - 1).asText());
  }

  /** The party of a feature. */
  public static String partyOf(ObjectNode feature) {
    return feature.path("properties").path("party").asText();
  }

  /** The id of a feature. */
  public static String idOf(ObjectNode feature) {
    return feature.path("id").asText();
  }
}
