package io.deconflict.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/** TopoJSON decoding against hand-worked topologies (the specification's quantized example). */
class TopoJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void quantizedDeltaEncodedArcsAreDecodedAndStitched() throws Exception {
    // two squares sharing the arc x = 1; the second uses it reversed (~0)
    String topology =
        """
        {"type":"Topology",
         "transform":{"scale":[0.5,0.5],"translate":[10,20]},
         "objects":{"countries":{"type":"GeometryCollection","geometries":[
           {"type":"Polygon","id":"7","arcs":[[0,1]],"properties":{"name":"West"}},
           {"type":"MultiPolygon","arcs":[[[2,-1]]],"properties":{"name":"East"}},
           {"type":"LineString","arcs":[0]}]}},
         "arcs":[
           [[2,0],[0,2]],
           [[2,2],[-2,0],[0,-2],[2,0]],
           [[2,2],[2,0],[0,-2],[-2,0]]]}
        """;
    List<TopoJson.Shape> shapes = TopoJson.shapes(JSON.readTree(topology), "countries");
    assertThat(shapes).extracting(TopoJson.Shape::name).containsExactly("West", "East");
    assertThat(shapes.get(0).id()).isEqualTo(7);
    // quantized (2,0)->(2,2)->(0,2)->(0,0)->(2,0): scaled by 0.5, moved by (10, 20)
    assertThat(shapes.get(0).geometry().getCoordinates())
        .containsExactly(
            new Coordinate(11, 20),
            new Coordinate(11, 21),
            new Coordinate(10, 21),
            new Coordinate(10, 20),
            new Coordinate(11, 20));
    assertThat(shapes.get(0).geometry().getArea()).isEqualTo(1.0);
    assertThat(shapes.get(1).geometry().getArea()).isEqualTo(1.0);
    assertThat(shapes.get(0).geometry().intersection(shapes.get(1).geometry()).getArea()).isZero();
  }

  @Test
  void aMissingObjectOrArcIsNamed() throws Exception {
    var topology = JSON.readTree("{\"type\":\"Topology\",\"objects\":{},\"arcs\":[]}");
    assertThatThrownBy(() -> TopoJson.shapes(topology, "countries"))
        .hasMessageContaining("no object \"countries\"");
    var bad =
        JSON.readTree(
            "{\"type\":\"Topology\",\"objects\":{\"c\":{\"type\":\"Polygon\",\"arcs\":[[3]]}},\"arcs\":[]}");
    assertThatThrownBy(() -> TopoJson.shapes(bad, "c")).hasMessageContaining("arc index 3");
  }
}
