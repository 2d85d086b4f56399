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
 *     applies only from the record that names it. Rules 2 brought formations (D29).
 * @param deadReckoning which live reports change nothing because they agree with their unit's
 *     prediction (configuration {@code live.deadReckoning})
 * @param formations whether live encounters are told per pair of formations (D29; configuration
 *     {@code defaults.formations}); only under rules 2 or later
 */
public record OutcomeSettings(
    int rules, LiveSettings.DeadReckoning deadReckoning, boolean formations) {

  /** The newest rules this program knows. */
  public static final int RULES = 2;

  /** The first rules with formations. */
  public static final int FORMATION_RULES = 2;

  /** What a journal that records no settings was written under: rules 1, no dead reckoning. */
  public static final OutcomeSettings UNRECORDED =
      new OutcomeSettings(1, LiveSettings.DeadReckoning.OFF, false);

  /** Checks the rules' version, and that they know what the settings ask. */
  public OutcomeSettings {
    if (rules < 1 || rules > RULES) {
      throw new IllegalArgumentException(
          "rules " + rules + " are not known to this program, which knows 1 to " + RULES);
    }
    if (formations && rules < FORMATION_RULES) {
      throw new IllegalArgumentException(
          "formations need rules " + FORMATION_RULES + " or later, not rules " + rules);
    }
  }

  /**
   * The settings a service journals from its configuration, under the earliest rules that give
   * them: rules 2 with formations, else rules 1 (rules 2 without formations derive what rules 1
   * derive). So a configuration that asks for nothing newer keeps its journal readable by the
   * programs before.
   */
  public static OutcomeSettings of(LiveSettings.DeadReckoning deadReckoning, boolean formations) {
    return new OutcomeSettings(formations ? FORMATION_RULES : 1, deadReckoning, formations);
  }

  /**
   * As journaled: {@code {"rules":2,"live":{"deadReckoning":{"enabled":…,"positionMeters":…,
   * "speedMps":…,"courseDegrees":…},"formations":…}}}, fields in this order; {@code formations}
   * only under rules 2 or later (rules 1 have none).
   */
  public ObjectNode toJson() {
    ObjectNode out = Json.object().put("rules", rules);
    ObjectNode live = out.putObject("live");
    live.putObject("deadReckoning")
        .put("enabled", deadReckoning.enabled())
        .put("positionMeters", deadReckoning.positionMeters())
        .put("speedMps", deadReckoning.speedMps())
        .put("courseDegrees", deadReckoning.courseDegrees());
    if (rules >= FORMATION_RULES) {
      live.put("formations", formations);
    }
    return out;
  }

  /**
   * Reads what {@link #toJson} writes; every field is required ({@code formations} under rules 2 or
   * later, and refused under rules 1).
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
    if (rules.intValue() < 1 || rules.intValue() > RULES) {
      throw ServiceException.invalid(
          "/rules",
          "/rules: rules "
              + rules.intValue()
              + " are not known to this program, which knows 1 to "
              + RULES);
    }
    JsonNode formations = live.path("formations");
    if (rules.intValue() < FORMATION_RULES) {
      if (!formations.isMissingNode()) {
        throw ServiceException.invalid(
            "/live/formations",
            "/live/formations has no meaning under rules "
                + rules.intValue()
                + "; formations came with rules "
                + FORMATION_RULES);
      }
      return new OutcomeSettings(rules.intValue(), reckoning, false);
    }
    if (!formations.isBoolean()) {
      throw ServiceException.invalid(
          "/live/formations", "/live/formations must be true or false, got " + formations);
    }
    return new OutcomeSettings(rules.intValue(), reckoning, formations.booleanValue());
  }
}
