package io.deconflict.flink;

import io.deconflict.engine.live.TacticalLevel;
import io.deconflict.engine.live.TrackerState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A cell tracker's {@link TrackerState} as bytes, for the job's keyed state: every field in
 * declaration order, doubles bit for bit. The job's trackers follow no plans and know no zones or
 * sites, so a unit's conformance change and incursions are always empty; a state that has them is
 * refused. Stateless.
 */
final class TrackerBytes {

  private static final int FORMAT = 2; // 2: units' heights (D37)

  private TrackerBytes() {}

  static byte[] write(TrackerState s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      out.writeLong(s.nowMillis());
      out.writeLong(s.applied());
      out.writeLong(s.ignored());
      out.writeInt(s.parties().size());
      for (String p : s.parties()) {
        out.writeUTF(p);
      }
      out.writeInt(s.agreed().size());
      for (TrackerState.Agreed a : s.agreed()) {
        out.writeUTF(a.partyA());
        out.writeUTF(a.partyB());
        out.writeInt(a.steps().size());
        for (Map.Entry<Instant, Double> step : a.steps().entrySet()) {
          out.writeLong(step.getKey().toEpochMilli());
          out.writeDouble(step.getValue());
        }
      }
      out.writeInt(s.units().size());
      for (TrackerState.UnitState u : s.units()) {
        if (u.conformanceChange().isPresent()
            || !u.inside().isEmpty()
            || !u.insideTold().isEmpty()) {
          throw new IllegalStateException(
              "unit "
                  + u.party()
                  + "/"
                  + u.unit()
                  + " has conformance or incursions in a job cell");
        }
        out.writeUTF(u.party());
        out.writeUTF(u.unit());
        out.writeLong(u.millis());
        out.writeDouble(u.lon());
        out.writeDouble(u.lat());
        out.writeDouble(u.ve());
        out.writeDouble(u.vn());
        out.writeDouble(u.separation());
        out.writeBoolean(u.indexed());
        out.writeBoolean(u.conforming());
        out.writeBoolean(u.conformingTold());
        out.writeLong(u.insideChangedMillis());
        out.writeLong(u.modelMillis());
        out.writeDouble(u.modelLon());
        out.writeDouble(u.modelLat());
        out.writeDouble(u.modelVe());
        out.writeDouble(u.modelVn());
        out.writeBoolean(u.predicting());
        out.writeDouble(u.heardHae());
        out.writeDouble(u.heardVerticalRate());
        out.writeDouble(u.modelHae());
        out.writeDouble(u.modelVerticalRate());
      }
      out.writeInt(s.encounters().size());
      for (TrackerState.EncounterState e : s.encounters()) {
        out.writeInt(e.slotA());
        out.writeInt(e.slotB());
        out.writeUTF(e.level().name());
        out.writeLong(e.timeMillis());
        for (double d :
            new double[] {
              e.separation(),
              e.distanceNow(),
              e.timeToClosest(),
              e.distanceAtClosest(),
              e.timeToLoss(),
              e.ax(),
              e.ay(),
              e.az(),
              e.bx(),
              e.by(),
              e.bz()
            }) {
          out.writeDouble(d);
        }
        out.writeLong(e.dueMillis());
      }
      out.writeInt(s.pending().size());
      for (TrackerState.Pending p : s.pending()) {
        out.writeInt(p.slotA());
        out.writeInt(p.slotB());
        out.writeLong(p.dueMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IllegalStateException if the bytes are of another format
   */
  static TrackerState read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int format = in.readInt();
      if (format != FORMAT) {
        throw new IllegalStateException(
            "a cell tracker's state of format " + format + ", this job reads " + FORMAT);
      }
      long nowMillis = in.readLong();
      long applied = in.readLong();
      long ignored = in.readLong();
      int n = in.readInt();
      List<String> parties = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        parties.add(in.readUTF());
      }
      n = in.readInt();
      List<TrackerState.Agreed> agreed = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String a = in.readUTF();
        String b = in.readUTF();
        int steps = in.readInt();
        NavigableMap<Instant, Double> map = new TreeMap<>();
        for (int k = 0; k < steps; k++) {
          map.put(Instant.ofEpochMilli(in.readLong()), in.readDouble());
        }
        agreed.add(new TrackerState.Agreed(a, b, map));
      }
      n = in.readInt();
      List<TrackerState.UnitState> units = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String party = in.readUTF();
        String unit = in.readUTF();
        long millis = in.readLong();
        double lon = in.readDouble();
        double lat = in.readDouble();
        double ve = in.readDouble();
        double vn = in.readDouble();
        double separation = in.readDouble();
        boolean indexed = in.readBoolean();
        boolean conforming = in.readBoolean();
        boolean conformingTold = in.readBoolean();
        long insideChanged = in.readLong();
        long modelMillis = in.readLong();
        double modelLon = in.readDouble();
        double modelLat = in.readDouble();
        double modelVe = in.readDouble();
        double modelVn = in.readDouble();
        boolean predicting = in.readBoolean();
        double heardHae = in.readDouble();
        double heardVerticalRate = in.readDouble();
        double modelHae = in.readDouble();
        double modelVerticalRate = in.readDouble();
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
                Optional.empty(),
                List.of(),
                List.of(),
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
      n = in.readInt();
      List<TrackerState.EncounterState> encounters = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int slotA = in.readInt();
        int slotB = in.readInt();
        TacticalLevel level = TacticalLevel.valueOf(in.readUTF());
        long time = in.readLong();
        double[] d = new double[11];
        for (int k = 0; k < d.length; k++) {
          d[k] = in.readDouble();
        }
        encounters.add(
            new TrackerState.EncounterState(
                slotA,
                slotB,
                level,
                time,
                d[0],
                d[1],
                d[2],
                d[3],
                d[4],
                d[5],
                d[6],
                d[7],
                d[8],
                d[9],
                d[10],
                in.readLong()));
      }
      n = in.readInt();
      List<TrackerState.Pending> pending = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        pending.add(new TrackerState.Pending(in.readInt(), in.readInt(), in.readLong()));
      }
      return new TrackerState(
          nowMillis, applied, ignored, parties, agreed, units, encounters, pending);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
