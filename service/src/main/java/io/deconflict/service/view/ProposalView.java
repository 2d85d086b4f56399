package io.deconflict.service.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resolution proposals shown with an alert (D41): how far the recipient's movement, or the
 * other party's, could be delayed or advanced to leave it in conflict with nothing stored.
 *
 * @param horizon how far either way the search looked
 * @param yours the recipient's own movement, if its side is a movement
 * @param theirs the other party's movement, if its side is a movement and it shares at least its
 *     conflicts with the recipient
 */
public record ProposalView(
    Duration horizon, Optional<Side> yours, Optional<Side> theirs, Optional<Hold> hold) {

  /** Proposals without a hold. */
  public ProposalView(Duration horizon, Optional<Side> yours, Optional<Side> theirs) {
    this(horizon, yours, theirs, Optional.empty());
  }

  /**
   * The shortest hold of the recipient's own movement at one of its waypoints (asked for by index).
   *
   * @param waypoint the waypoint's index, 0 for the first
   * @param hold the shortest hold in whole seconds, absent if none within the horizon clears it
   * @param minutes the shortest in whole minutes
   */
  public record Hold(int waypoint, Optional<Duration> hold, Optional<Integer> minutes) {

    ObjectNode toJson() {
      ObjectNode j = Json.object().put("waypoint", waypoint);
      hold.ifPresent(d -> j.put("hold", d.toString()));
      minutes.ifPresent(m -> j.put("holdMinutes", m));
      return j;
    }
  }

  /** What every proposal says of itself. */
  public static final String NOTICE =
      "A proposal changes nothing until the movement's owner accepts it.";

  /**
   * One movement's shifts.
   *
   * @param item its id, if the recipient may see it
   * @param delay the smallest delay of its start, whole seconds
   * @param advance the smallest advance, whole seconds
   * @param delayMinutes the smallest delay in whole minutes (what the hotline proposes)
   * @param advanceMinutes the smallest advance in whole minutes
   * @param unavailable why no shift is offered (the movement has started), if so
   */
  public record Side(
      Optional<String> item,
      Optional<Duration> delay,
      Optional<Duration> advance,
      Optional<Integer> delayMinutes,
      Optional<Integer> advanceMinutes,
      Optional<String> unavailable) {

    /** A movement for which no shift is offered, and why. */
    public static Side unavailable(Optional<String> item, String why) {
      return new Side(
          item,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.of(why));
    }

    ObjectNode toJson() {
      ObjectNode j = Json.object();
      item.ifPresent(i -> j.put("item", i));
      delay.ifPresent(d -> j.put("delay", d.toString()));
      delayMinutes.ifPresent(m -> j.put("delayMinutes", m));
      advance.ifPresent(d -> j.put("advance", d.toString()));
      advanceMinutes.ifPresent(m -> j.put("advanceMinutes", m));
      unavailable.ifPresent(u -> j.put("unavailable", u));
      return j;
    }
  }

  /**
   * The proposals in a sentence, such as "Delay yours by 17 min 5 s or advance it by 3 min; or
   * delay theirs by 9 min."
   */
  public String text() {
    List<String> parts = new ArrayList<>();
    yours.ifPresent(s -> parts.add(sentence("yours", s)));
    theirs.ifPresent(s -> parts.add(sentence("theirs", s)));
    hold.ifPresent(
        hd ->
            parts.add(
                hd.hold()
                    .map(d -> "hold yours at waypoint " + hd.waypoint() + " for " + words(d))
                    .orElse(
                        "no hold of yours at waypoint "
                            + hd.waypoint()
                            + " within "
                            + words(horizon)
                            + " clears it")));
    if (parts.isEmpty()) {
      return "No proposal.";
    }
    String joined = String.join("; or ", parts) + ".";
    return Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
  }

  private String sentence(String whose, Side s) {
    if (s.unavailable().isPresent()) {
      return "no shift of " + whose + ": " + s.unavailable().get();
    }
    List<String> options = new ArrayList<>();
    s.delay().ifPresent(d -> options.add("delay " + whose + " by " + words(d)));
    s.advance()
        .ifPresent(
            d ->
                options.add(
                    (options.isEmpty() ? "advance " + whose : "advance it") + " by " + words(d)));
    if (options.isEmpty()) {
      return "no shift of " + whose + " within " + words(horizon) + " clears it";
    }
    return String.join(" or ", options);
  }

  /** A duration as people say it: {@code 17 min 5 s}, {@code 2 h 3 min}. */
  public static String words(Duration d) {
    long s = d.getSeconds();
    List<String> w = new ArrayList<>();
    if (s >= 3600) {
      w.add(s / 3600 + " h");
    }
    if (s % 3600 >= 60) {
      w.add(s % 3600 / 60 + " min");
    }
    if (s % 60 != 0 || s == 0) {
      w.add(s % 60 + " s");
    }
    return String.join(" ", w);
  }

  /** As JSON: {@code horizon}, {@code yours}, {@code theirs}, {@code text}, {@code notice}. */
  public ObjectNode toJson() {
    ObjectNode j = Json.object();
    j.put("horizon", horizon.toString());
    yours.ifPresent(s -> j.set("yours", s.toJson()));
    theirs.ifPresent(s -> j.set("theirs", s.toJson()));
    hold.ifPresent(hd -> j.set("hold", hd.toJson()));
    j.put("text", text());
    j.put("notice", NOTICE);
    return j;
  }
}
