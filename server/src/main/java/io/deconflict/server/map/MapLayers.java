package io.deconflict.server.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.geojson.StrictJson;
import io.deconflict.server.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The base map's layers: public geography (named places, roads, rivers) that every signed-in member
 * may see, drawn by the web map under the parties' own items. They are not items: no party owns
 * them, nothing checks them for conflicts, and they never change while the service runs. Country
 * borders ship with the web map itself; these layers add what a deployment knows of its ground.
 *
 * <p>Configured in the {@code map} section of the configuration file ({@code
 * docs/configuration.md}): {@code {"map": {"layers": [{"id": "roads", "name": "Roads", "file":
 * "roads.geojson"}]}}}, each file a GeoJSON FeatureCollection, read once at start.
 */
public final class MapLayers {

  /**
   * One layer.
   *
   * @param id the layer's id in the API ({@code /map/layers/{id}}): lower-case letters, digits and
   *     dashes
   * @param name its name for people
   * @param geojson a GeoJSON FeatureCollection
   */
  public record Layer(String id, String name, ObjectNode geojson) {}

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final Map<String, Layer> layers;

  private MapLayers(List<Layer> list) {
    Map<String, Layer> byId = new LinkedHashMap<>();
    for (Layer l : list) {
      check(l);
      if (byId.put(l.id(), l) != null) {
        throw new IllegalArgumentException("map layer id \"" + l.id() + "\" is used twice");
      }
    }
    this.layers = byId;
  }

  /** No layers: the web map shows country borders only. */
  public static MapLayers none() {
    return new MapLayers(List.of());
  }

  /**
   * These layers, in drawing order (first at the bottom).
   *
   * @throws IllegalArgumentException for a bad or repeated id or a layer that is not a
   *     FeatureCollection
   */
  public static MapLayers of(List<Layer> layers) {
    return new MapLayers(layers);
  }

  /**
   * The layers a configuration document names in {@code map.layers}, relative files resolved
   * against {@code directory}.
   *
   * @throws ConfigurationException naming {@code map.layers[i]} and what is wrong with it
   */
  public static MapLayers read(JsonNode configuration, Path directory) {
    JsonNode list = configuration.path("map").path("layers");
    if (list.isMissingNode()) {
      return none();
    }
    if (!list.isArray()) {
      throw new ConfigurationException("map.layers must be an array");
    }
    List<Layer> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "map.layers[" + i + "]";
      JsonNode entry = list.get(i);
      String id = entry.path("id").asText("");
      String file = entry.path("file").asText("");
      if (id.isEmpty() || file.isEmpty()) {
        throw new ConfigurationException(where + " needs an id and a file");
      }
      Path path = directory.resolve(file);
      JsonNode geojson;
      try {
        geojson = StrictJson.readTree(Files.readAllBytes(path));
      } catch (NoSuchFileException e) {
        throw new ConfigurationException(where + ".file: " + path + " does not exist");
      } catch (JsonProcessingException e) {
        throw new ConfigurationException(
            where + ".file: " + path + " is not valid JSON" + StrictJson.explain(e));
      } catch (IOException e) {
        throw new ConfigurationException(
            where + ".file: " + path + " is not valid JSON: " + e.getMessage());
      }
      if (!(geojson instanceof ObjectNode object)) {
        throw new ConfigurationException(where + ".file: " + path + " is not a JSON object");
      }
      try {
        Layer layer = new Layer(id, entry.path("name").asText(id), object);
        check(layer);
        out.add(layer);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(where + ": " + e.getMessage());
      }
    }
    try {
      return new MapLayers(out);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("map.layers: " + e.getMessage());
    }
  }

  /** The layers, in drawing order. */
  public List<Layer> layers() {
    return List.copyOf(layers.values());
  }

  /** The layer with this id. */
  public Optional<Layer> layer(String id) {
    return Optional.ofNullable(layers.get(id));
  }

  private static void check(Layer l) {
    if (!ID.matcher(l.id()).matches()) {
      throw new IllegalArgumentException(
          "map layer id \"" + l.id() + "\" must be lower-case letters, digits and dashes");
    }
    if (!"FeatureCollection".equals(l.geojson().path("type").asText())
        || !l.geojson().path("features").isArray()) {
      throw new IllegalArgumentException(
          "map layer " + l.id() + " must be a GeoJSON FeatureCollection");
    }
  }
}
