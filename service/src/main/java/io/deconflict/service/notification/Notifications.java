package io.deconflict.service.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.item.Band;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.item.Movement;
import io.deconflict.engine.item.Site;
import io.deconflict.engine.item.Zone;
import io.deconflict.geojson.GeoJsonFeatures;
import io.deconflict.geojson.InvalidInputException;
import io.deconflict.service.ServiceException;
import io.deconflict.service.command.CancelItem;
import io.deconflict.service.command.NotifyItem;
import io.deconflict.service.party.Member;
import io.deconflict.service.snapshot.MalformedStateException;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The register of notified movements, sites and zones, each at its current version: the ids the
 * service assigns ({@code m-1}, {@code s-2}, ... per party, the counter moving only when a
 * notification is accepted), replacement (a new version of an existing id) and cancellation.
 *
 * <p>A notification is first checked ({@link #check}, which changes nothing) and then, once the
 * dispatch has checked the rest, recorded ({@link #record}). Not thread-safe; owned by the state
 * machine ({@code Deconfliction}), whose dispatch alone records and removes.
 */
public final class Notifications {

  private final Map<String, Notified> items = new HashMap<>();
  private long nextItem = 1;

  /**
   * A notification checked against the register, not yet recorded.
   *
   * @param feature the feature as stored: with its id, and the kind and party in its properties
   * @param item the engine's item, under {@link Notified#engineId}
   * @param assignedId whether the service chose the id
   * @param version the version it will be: 1, or the replaced item's next
   */
  public record Checked(
      String party,
      String id,
      String kind,
      ObjectNode feature,
      Item item,
      boolean assignedId,
      int version) {

    /** The engine's id of the item. */
    public String engineId() {
      return Notified.engineId(party, id);
    }
  }

  /**
   * Checks a notification by {@code member}'s party against the register and parses its feature.
   *
   * @param separationMeters the separation a movement gets when its feature names none
   * @param verticalSeparationMeters the vertical separation a movement gets when its feature names
   *     none
   * @throws ServiceException if it is refused (the feature claims another party, the id is taken
   *     or, to replace, missing, or the feature is not a valid item); nothing changed then
   */
  public Checked check(
      Member member, NotifyItem command, double separationMeters, double verticalSeparationMeters) {
    String kind = command.kind();
    ObjectNode copy = command.feature();
    String id;
    if (command.id().isPresent()) {
      id = command.id().get();
    } else {
      // the next free id of this party; the counter moves only when the command is accepted
      long n = nextItem;
      while (items.containsKey(Notified.engineId(member.party(), kind.charAt(0) + "-" + n))) {
        n++;
      }
      id = kind.charAt(0) + "-" + n;
    }
    copy.put("id", id);
    ObjectNode properties =
        copy.path("properties").isObject()
            ? (ObjectNode) copy.get("properties")
            : copy.putObject("properties");
    if (properties.has("party") && !properties.path("party").asText().equals(member.party())) {
      throw ServiceException.invalid(
          "/feature/properties/party",
          "/feature/properties/party must be your own party \"" + member.party() + "\"");
    }
    properties.put("kind", kind);
    properties.put("party", member.party());
    String engineId = Notified.engineId(member.party(), id);
    Notified previous = items.get(engineId);
    if (command.replace() && previous == null) {
      throw ServiceException.notFound(kind + " " + id);
    }
    if (!command.replace() && previous != null) {
      throw ServiceException.conflict(
          kind + " " + id + " exists (version " + previous.version() + "); replace it instead");
    }
    if (previous != null && !previous.kind().equals(kind)) {
      throw ServiceException.notFound(kind + " " + id);
    }
    Item parsed;
    try {
      parsed = GeoJsonFeatures.parse(copy, separationMeters, verticalSeparationMeters);
    } catch (InvalidInputException e) {
      throw ServiceException.invalid("/feature", "/feature: " + e.getMessage());
    }
    return new Checked(
        member.party(),
        id,
        kind,
        copy,
        rekey(parsed, engineId),
        command.id().isEmpty(),
        previous == null ? 1 : previous.version() + 1);
  }

  /** Records a checked notification as the item's current version. */
  public Notified record(Checked c, Instant now, boolean late, boolean emergency) {
    if (c.assignedId()) {
      nextItem = Long.parseLong(c.id().substring(2)) + 1;
    }
    Notified notified =
        new Notified(
            c.party(), c.id(), c.kind(), c.version(), c.feature(), c.item(), now, late, emergency);
    items.put(c.engineId(), notified);
    return notified;
  }

  /**
   * The member's party's item a cancellation names.
   *
   * @throws ServiceException not found if the party has no such item of that kind
   */
  public Notified checkCancel(Member member, CancelItem command) {
    Notified previous = items.get(Notified.engineId(member.party(), command.id()));
    if (previous == null || !previous.kind().equals(command.kind())) {
      throw ServiceException.notFound(command.kind() + " " + command.id());
    }
    return previous;
  }

  /** Removes a cancelled item. */
  public void remove(Notified n) {
    items.remove(Notified.engineId(n.party(), n.id()));
  }

  /** The current version of the item with this engine id. */
  public Optional<Notified> get(String engineId) {
    return Optional.ofNullable(items.get(engineId));
  }

  /** Every current item, by party, then id. */
  public List<Notified> all() {
    List<Notified> all = new ArrayList<>(items.values());
    all.sort(Comparator.comparing(Notified::party).thenComparing(Notified::id));
    return all;
  }

  /**
   * Writes every current item, by party then id, and the id counter. An item is written as its
   * feature and the separations its movement got (the vertical one last, snapshot format 6);
   * reading parses the feature again, which gives the same engine item.
   */
  public void writeTo(StateOut out) {
    out.int64(nextItem);
    List<Notified> all = all();
    out.int32(all.size());
    for (Notified n : all) {
      out.text(n.party()).text(n.id()).text(n.kind()).int32(n.version());
      out.json(n.feature());
      out.float64(n.item() instanceof Movement m ? m.separationMeters() : 0);
      out.instant(n.notifiedAt()).bool(n.late()).bool(n.emergency());
      out.float64(
          n.item() instanceof Movement m
              ? m.verticalSeparationMeters()
              : Band.DEFAULT_VERTICAL_SEPARATION_METERS);
    }
  }

  /**
   * Reads what {@link #writeTo} wrote into this empty register.
   *
   * @param vertical whether the state has vertical separations (format 6 on); under format 4 every
   *     movement had the default
   * @throws MalformedStateException if it is not what {@link #writeTo} writes
   */
  public void readFrom(StateIn in, boolean vertical) {
    nextItem = in.int64();
    int n = in.count();
    for (int i = 0; i < n; i++) {
      String party = in.text();
      String id = in.text();
      String kind = in.text();
      int version = in.int32();
      ObjectNode feature = in.object();
      double separation = in.float64();
      Instant notifiedAt = in.instant();
      boolean late = in.bool();
      boolean emergency = in.bool();
      double verticalSeparation = vertical ? in.float64() : Band.DEFAULT_VERTICAL_SEPARATION_METERS;
      String engineId = Notified.engineId(party, id);
      Item item;
      try {
        item = rekey(GeoJsonFeatures.parse(feature, separation, verticalSeparation), engineId);
      } catch (InvalidInputException | IllegalArgumentException e) {
        throw in.malformed("item " + engineId + " does not parse: " + e.getMessage());
      }
      items.put(
          engineId,
          new Notified(party, id, kind, version, feature, item, notifiedAt, late, emergency));
    }
  }

  /** How many items there are. */
  public int count() {
    return items.size();
  }

  private static Item rekey(Item item, String engineId) {
    if (item instanceof Movement m) {
      return new Movement(
          engineId,
          m.party(),
          m.waypoints(),
          m.separationMeters(),
          m.bands(),
          m.verticalSeparationMeters(),
          m.participants());
    }
    if (item instanceof Site s) {
      return new Site(engineId, s.party(), s.center(), s.radiusMeters(), s.validity(), s.band());
    }
    Zone z = (Zone) item;
    return new Zone(engineId, z.party(), z.geometry(), z.validity(), z.band());
  }
}
