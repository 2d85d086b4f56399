package io.deconflict.service.hotline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Sample coded messages for tests: fixed ones from the scenario, and seeded random ones. */
final class Samples {

  /** 2022-10-08 09:30 UTC, the al-Qahtaniyah encounter (time of day chosen, not reported). */
  static final Instant TIME = Instant.parse("2022-10-08T09:30:00Z");

  /** Al-Qahtaniyah oil field, approximate (docs: scenario places). */
  static final ParamValue.Place PLACE = ParamValue.Place.of(41.38, 37.03);

  static final String TIME_TEXT = "2022-10-08 09:30 UTC";
  static final String PLACE_TEXT = "37.0300 N 41.3800 E";

  private Samples() {}

  /** A message of {@code code}: 30 minutes, 12 vehicles, {@link #TIME}, {@link #PLACE}. */
  static CodedMessage fixed(MessageCode code) {
    Map<String, ParamValue> values = new LinkedHashMap<>();
    for (Param param : code.params()) {
      values.put(
          param.name(),
          switch (param.type()) {
            case MINUTES -> new ParamValue.Minutes(30);
            case COUNT -> new ParamValue.Count(12);
            case TIME -> new ParamValue.Time(TIME);
            case PLACE -> PLACE;
          });
    }
    return new CodedMessage(code, values);
  }

  /** A message of {@code code} with random values over each type's whole range. */
  static CodedMessage random(MessageCode code, Random random) {
    Map<String, ParamValue> values = new LinkedHashMap<>();
    for (Param param : code.params()) {
      values.put(param.name(), random(param.type(), random));
    }
    return new CodedMessage(code, values);
  }

  static ParamValue random(ParamType type, Random random) {
    return switch (type) {
      case MINUTES -> new ParamValue.Minutes(1 + random.nextInt(ParamType.MAX_MINUTES));
      case COUNT -> new ParamValue.Count(1 + random.nextInt(ParamType.MAX_COUNT));
      case TIME ->
          new ParamValue.Time(
              Instant.ofEpochSecond(60L * random.nextInt(60 * 24 * 366 * 100))); // 1970-2069
      case PLACE ->
          ParamValue.Place.of(random.nextDouble() * 360 - 180, random.nextDouble() * 180 - 90);
    };
  }
}
