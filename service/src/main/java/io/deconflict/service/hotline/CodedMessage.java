package io.deconflict.service.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A coded hotline message: a {@link MessageCode} and a value for each of its parameters.
 *
 * <p>It carries no words: every reader sees it rendered in their own language by {@link
 * Vocabulary#render}. The JSON form, which the journal stores, is {@code {"code": "request-delay",
 * "params": {"minutes": 30}}}; {@link #toJson()} and {@link #fromJson} are inverse.
 *
 * @param code the code
 * @param params exactly one value per parameter of {@code code}, of the parameter's type
 */
public record CodedMessage(MessageCode code, Map<String, ParamValue> params) {

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  /** Checks that {@code params} has exactly the parameters of {@code code}, each of its type. */
  public CodedMessage {
    params = Map.copyOf(params);
    for (Param param : code.params()) {
      ParamValue value = params.get(param.name());
      if (value == null) {
        throw new IllegalArgumentException(
            "params." + param.name() + " is missing; " + code.describeParams());
      }
      if (value.type() != param.type()) {
        throw new IllegalArgumentException(
            "params."
                + param.name()
                + " must be "
                + param.type().description()
                + ", got a "
                + value.type().wireName());
      }
    }
    if (params.size() != code.params().size()) {
      for (String name : params.keySet()) {
        if (code.params().stream().noneMatch(p -> p.name().equals(name))) {
          throw unexpected(code, name);
        }
      }
    }
  }

  /** A message with a code that takes no parameters, such as {@code acknowledge}. */
  public static CodedMessage of(MessageCode code) {
    return new CodedMessage(code, Map.of());
  }

  /**
   * Reads a message from its wire name and its parameters object.
   *
   * @param code a wire name such as {@code request-delay}
   * @param params a JSON object with one field per parameter; for a code without parameters a
   *     missing node or JSON {@code null} is taken as {@code {}}
   * @throws IllegalArgumentException for an unknown code (listing the valid ones) or a missing,
   *     unexpected or ill-typed parameter (naming it, such as {@code params.minutes}, and quoting
   *     the bad value)
   */
  public static CodedMessage parse(String code, JsonNode params) {
    MessageCode messageCode = MessageCode.parse(code);
    JsonNode object = params;
    if (object.isMissingNode() || object.isNull()) {
      object = JsonNodeFactory.instance.objectNode();
    }
    if (!object.isObject()) {
      throw new IllegalArgumentException(
          "params must be a JSON object, got "
              + Quoting.json(object)
              + "; "
              + messageCode.describeParams());
    }
    Map<String, ParamValue> values = new LinkedHashMap<>();
    for (Param param : messageCode.params()) {
      String field = "params." + param.name();
      JsonNode node = object.path(param.name());
      if (node.isMissingNode()) {
        throw new IllegalArgumentException(field + " is missing; " + messageCode.describeParams());
      }
      values.put(param.name(), param.type().fromJson(field, node));
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!values.containsKey(name)) {
        throw unexpected(messageCode, name);
      }
    }
    return new CodedMessage(messageCode, values);
  }

  /**
   * Reads a message from the JSON that {@link #toJson()} writes.
   *
   * @throws IllegalArgumentException as {@link #parse}, or if {@code json} is not an object with a
   *     string {@code code}
   */
  public static CodedMessage fromJson(JsonNode json) {
    JsonNode code = json.path("code");
    if (!json.isObject() || !code.isTextual()) {
      throw new IllegalArgumentException(
          "a coded message must be a JSON object {\"code\": ..., \"params\": {...}}, got "
              + Quoting.json(json));
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("code") && !name.equals("params")) {
        throw new IllegalArgumentException(
            "a coded message has only \"code\" and \"params\", got field " + Quoting.text(name));
      }
    }
    return parse(code.textValue(), json.path("params"));
  }

  /** The message as JSON: {@code {"code": ..., "params": {...}}}, parameters in declared order. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("code", code.wireName());
    ObjectNode values = json.putObject("params");
    for (Param param : code.params()) {
      values.set(param.name(), param(param.name()).toJson());
    }
    return json;
  }

  /**
   * The value of parameter {@code name}.
   *
   * @throws IllegalArgumentException if the code has no parameter {@code name}
   */
  public ParamValue param(String name) {
    ParamValue value = params.get(name);
    if (value == null) {
      throw unexpected(code, name);
    }
    return value;
  }

  private static IllegalArgumentException unexpected(MessageCode code, String name) {
    String field =
        PLAIN_NAME.matcher(name).matches()
            ? "params." + name
            : "params[" + Quoting.text(name) + "]";
    return new IllegalArgumentException(
        field + " is not a parameter of " + code.wireName() + "; " + code.describeParams());
  }
}
