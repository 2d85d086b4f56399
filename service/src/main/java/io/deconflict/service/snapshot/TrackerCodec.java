package io.deconflict.service.snapshot;

import io.deconflict.engine.live.LiveEvent;
import io.deconflict.engine.live.TacticalLevel;
import io.deconflict.engine.live.TrackerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The live tracker's {@link TrackerState} in the snapshot's binary form: every field in declaration
 * order, doubles bit for bit. Stateless.
 */
public final class TrackerCodec {

  private TrackerCodec() {}

  /** Writes a tracker's state. */
  public static void write(TrackerState s, StateOut out) {
    out.int64(s.nowMillis()).int64(s.applied()).int64(s.ignored());
    out.int32(s.parties().size());
    s.parties().forEach(out::text);
    out.int32(s.agreed().size());
    for (TrackerState.Agreed a : s.agreed()) {
      out.text(a.partyA()).text(a.partyB()).int32(a.steps().size());
      for (Map.Entry<Instant, Double> step : a.steps().entrySet()) {
        out.instant(step.getKey()).float64(step.getValue());
      }
    }
    out.int32(s.units().size());
    for (TrackerState.UnitState u : s.units()) {
      out.text(u.party()).text(u.unit()).int64(u.millis());
      out.float64(u.lon()).float64(u.lat()).float64(u.ve()).float64(u.vn());
      out.float64(u.separation()).bool(u.indexed());
      out.bool(u.conforming()).bool(u.conformingTold());
      out.bool(u.conformanceChange().isPresent());
      u.conformanceChange().ifPresent(c -> writeChange(c, out));
      writeInside(u.inside(), out);
      writeInside(u.insideTold(), out);
      out.int64(u.insideChangedMillis());
      out.int64(u.modelMillis()).float64(u.modelLon()).float64(u.modelLat());
      out.float64(u.modelVe()).float64(u.modelVn()).bool(u.predicting());
      out.float64(u.heardHae()).float64(u.heardVerticalRate());
      out.float64(u.modelHae()).float64(u.modelVerticalRate());
    }
    out.int32(s.encounters().size());
    for (TrackerState.EncounterState e : s.encounters()) {
      out.int32(e.slotA()).int32(e.slotB()).constant(e.level()).int64(e.timeMillis());
      out.float64(e.separation()).float64(e.distanceNow()).float64(e.timeToClosest());
      out.float64(e.distanceAtClosest()).float64(e.timeToLoss());
      out.float64(e.ax()).float64(e.ay()).float64(e.az());
      out.float64(e.bx()).float64(e.by()).float64(e.bz()).int64(e.dueMillis());
    }
    out.int32(s.pending().size());
    for (TrackerState.Pending p : s.pending()) {
      out.int32(p.slotA()).int32(p.slotB()).int64(p.dueMillis());
    }
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @param vertical whether the units' heights are there (snapshot format 6 on); before, no unit
   *     had one
   * @throws MalformedStateException if it is not what {@link #write} writes
   */
  public static TrackerState read(StateIn in, boolean vertical) {
    long nowMillis = in.int64();
    long applied = in.int64();
    long ignored = in.int64();
    int partyCount = in.count();
    List<String> parties = new ArrayList<>(partyCount);
    for (int i = 0; i < partyCount; i++) {
      parties.add(in.text());
    }
    int agreedCount = in.count();
    List<TrackerState.Agreed> agreed = new ArrayList<>(agreedCount);
    for (int i = 0; i < agreedCount; i++) {
      String a = in.text();
      String b = in.text();
      int n = in.count();
      NavigableMap<Instant, Double> steps = new TreeMap<>();
      for (int k = 0; k < n; k++) {
        steps.put(in.instant(), in.float64());
      }
      agreed.add(new TrackerState.Agreed(a, b, steps));
    }
    int unitCount = in.count();
    List<TrackerState.UnitState> units = new ArrayList<>(unitCount);
    for (int i = 0; i < unitCount; i++) {
      String party = in.text();
      String unit = in.text();
      long millis = in.int64();
      double lon = in.float64();
      double lat = in.float64();
      double ve = in.float64();
      double vn = in.float64();
      double separation = in.float64();
      boolean indexed = in.bool();
      boolean conforming = in.bool();
      boolean conformingTold = in.bool();
      Optional<LiveEvent.ConformanceChanged> change =
          in.bool() ? Optional.of(readChange(in)) : Optional.empty();
      List<TrackerState.Inside> inside = readInside(in);
      List<TrackerState.Inside> insideTold = readInside(in);
      long insideChanged = in.int64();
      long modelMillis = in.int64();
      double modelLon = in.float64();
      double modelLat = in.float64();
      double modelVe = in.float64();
      double modelVn = in.float64();
      boolean predicting = in.bool();
      double heardHae = vertical ? in.float64() : Double.NaN;
      double heardVerticalRate = vertical ? in.float64() : 0;
      double modelHae = vertical ? in.float64() : Double.NaN;
      double modelVerticalRate = vertical ? in.float64() : 0;
      units.add(
          new TrackerState.UnitState(
              party,
              unit,
              millis,
              lon,
              lat,
              ve,
              vn,
              separation,
              indexed,
              conforming,
              conformingTold,
              change,
              inside,
              insideTold,
              insideChanged,
              modelMillis,
              modelLon,
              modelLat,
              modelVe,
              modelVn,
              predicting,
              heardHae,
              heardVerticalRate,
              modelHae,
              modelVerticalRate));
    }
    int encounterCount = in.count();
    List<TrackerState.EncounterState> encounters = new ArrayList<>(encounterCount);
    for (int i = 0; i < encounterCount; i++) {
      encounters.add(
          new TrackerState.EncounterState(
              in.int32(),
              in.int32(),
              in.constant(TacticalLevel.class),
              in.int64(),
              in.float64(),
              in.float64(),
              in.float64(),
              in.float64(),
              in.float64(),
              in.float64(),
              in.float64(),
              in.float64(),
              in.float64(),
              in.float64(),
              in.float64(),
              in.int64()));
    }
    int pendingCount = in.count();
    List<TrackerState.Pending> pending = new ArrayList<>(pendingCount);
    for (int i = 0; i < pendingCount; i++) {
      pending.add(new TrackerState.Pending(in.int32(), in.int32(), in.int64()));
    }
    return new TrackerState(
        nowMillis, applied, ignored, parties, agreed, units, encounters, pending);
  }

  private static void writeChange(LiveEvent.ConformanceChanged c, StateOut out) {
    out.text(c.unit()).text(c.party()).text(c.movement()).instant(c.time());
    out.bool(c.conforming()).float64(c.offTrackMeters()).duration(c.early()).text(c.reason());
  }

  private static LiveEvent.ConformanceChanged readChange(StateIn in) {
    return new LiveEvent.ConformanceChanged(
        in.text(),
        in.text(),
        in.text(),
        in.instant(),
        in.bool(),
        in.float64(),
        in.duration(),
        in.text());
  }

  private static void writeInside(List<TrackerState.Inside> list, StateOut out) {
    out.int32(list.size());
    for (TrackerState.Inside in : list) {
      out.text(in.itemId()).text(in.itemParty()).text(in.kind()).constant(in.level());
      out.int64(in.sinceMillis());
    }
  }

  private static List<TrackerState.Inside> readInside(StateIn in) {
    int n = in.count();
    List<TrackerState.Inside> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new TrackerState.Inside(
              in.text(), in.text(), in.text(), in.constant(TacticalLevel.class), in.int64()));
    }
    return out;
  }
}
