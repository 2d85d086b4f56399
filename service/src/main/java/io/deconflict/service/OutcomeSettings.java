package io.deconflict.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.engine.live.LiveSettings;

/**
 * The settings that change what the service derives from the same commands, and so are journaled
 * ({@code service.settings}, {@code docs/journal.md}) rather than read from the configuration at
 * replay: a replay, a restart, a snapshot and the audit apply at each record the settings the
 * journal says were in force there. A journal that records none (every journal written before them)
 * is in force under {@link #UNRECORDED}.
 *
 * @param rules the version of the service's rules, from 1 to {@link #RULES}: a later change of
 *     behaviour that would derive other facts from the same commands takes a new number, and
 *     applies only from the record that names it
 * @param deadReckoning which live reports change nothing because they agree with their unit's
 *     prediction (configuration {@code live.deadReckoning})
 */
public record OutcomeSettings(int rules, LiveSettings.DeadReckoning deadReckoning) {

  /** The newest rules this program knows, and the ones it journals. */
  public static final int RULES = 1;

  /** What a journal that records no settings was written under: rules 1, no dead reckoning. */
  public static final OutcomeSettings UNRECORDED =
      new OutcomeSettings(1, LiveSettings.DeadReckoning.OFF);

  /** Checks the rules' version. */
  public OutcomeSettings {
    if (rules < 1 || rules > RULES) {
      throw new IllegalArgumentException(
          "rules " + rules + " are not known to this program, which knows 1 to " + RULES);
    }
  }

  /** The settings a service journals from its configured dead reckoning, under {@link #RULES}. */
  public static OutcomeSettings of(LiveSettings.DeadReckoning deadReckoning) {
    return new OutcomeSettings(RULES, deadReckoning);
  }

  /**
   * As journaled: {@code {"rules":1,"live":{"deadReckoning":{"enabled":…,"positionMeters":…,
   * "speedMps":…,"courseDegrees":…}}}}, fields in this order.
   */
  public ObjectNode toJson() {
    ObjectNode out = Json.object().put("rules", rules);
    out.putObject("live")
        .putObject("deadReckoning")
        .put("enabled", deadReckoning.enabled())
        .put("positionMeters", deadReckoning.positionMeters())
        .put("speedMps", deadReckoning.speedMps())
        .put("courseDegrees", deadReckoning.courseDegrees());
    return out;
  }

  /**
   * Reads what {@link #toJson} writes; every field is required.
   *
   * @throws ServiceException naming the field, if one is missing, of the wrong type or out of range
   */
  public static OutcomeSettings fromJson(JsonNode body) {
    Json.requireObject(body, "");
    JsonNode rules = body.path("rules");
    if (!rules.isInt()) {
      throw ServiceException.invalid("/rules", "/rules must be an integer, got " + rules);
    }
    JsonNode live = Json.requireObject(body.path("live"), "/live");
    JsonNode dr = Json.requireObject(live.path("deadReckoning"), "/live/deadReckoning");
    String at = "/live/deadReckoning/";
    JsonNode enabled = dr.path("enabled");
    if (!enabled.isBoolean()) {
      throw ServiceException.invalid(
          at + "enabled", at + "enabled must be true or false, got " + enabled);
    }
    double[] values = new double[3];
    String[] names = {"positionMeters", "speedMps", "courseDegrees"};
    for (int i = 0; i < names.length; i++) {
      JsonNode v = dr.path(names[i]);
      if (!v.isNumber()) {
        throw ServiceException.invalid(
            at + names[i], at + names[i] + " must be a number, got " + v);
      }
      values[i] = v.doubleValue();
    }
    LiveSettings.DeadReckoning reckoning;
    try {
      reckoning =
          new LiveSettings.DeadReckoning(enabled.booleanValue(), values[0], values[1], values[2]);
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid("/live/deadReckoning", "/live/" + e.getMessage());
    }
    try {
      return new OutcomeSettings(rules.intValue(), reckoning);
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid("/rules", "/rules: " + e.getMessage());
    }
  }
}
