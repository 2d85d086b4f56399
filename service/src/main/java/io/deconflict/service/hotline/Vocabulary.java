package io.deconflict.service.hotline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The hotline vocabulary: the words of every {@link MessageCode} in every {@link Language}.
 *
 * <p>The templates live in the UTF-8 resource {@code vocabulary.json} next to this class (syntax in
 * {@code docs/hotline.md}). They are read and checked when the class loads: a missing, unknown or
 * faulty template, for any code in any language, makes loading the class fail with an {@link
 * IllegalStateException} that names the code and the language. Immutable and thread-safe; rendering
 * costs one pass over a template of a few dozen characters.
 */
public final class Vocabulary {

  /** The resource, relative to this class. */
  static final String RESOURCE = "vocabulary.json";

  private static final Map<MessageCode, Map<Language, Template>> TEMPLATES = load();
  private static final Map<MessageCode, Entry> ENTRIES = entries(TEMPLATES);
  private static final List<Entry> ENTRY_LIST = List.copyOf(ENTRIES.values());

  private Vocabulary() {}

  /**
   * The description of one code for readers of the vocabulary.
   *
   * @param code the code
   * @param text the template in every language, each placeholder shown as {@code {name}}
   */
  public record Entry(MessageCode code, Map<Language, String> text) {

    /** Checks that {@code text} has every language. */
    public Entry {
      if (text.size() != Language.values().length) {
        throw new IllegalArgumentException(
            "entry " + code.wireName() + " needs a text in every language, got " + text.keySet());
      }
      text = Collections.unmodifiableMap(new EnumMap<>(text));
    }

    /** The code's wire name, such as {@code request-delay}. */
    public String wireName() {
      return code.wireName();
    }

    /** The code's parameters. */
    public List<Param> params() {
      return code.params();
    }

    /**
     * The entry as JSON: {@code {"code": ..., "params": [{"name", "type", "description"}...],
     * "text": {"en": ..., "ru": ..., "ar": ..., "tr": ...}}}.
     */
    public ObjectNode toJson() {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      json.put("code", code.wireName());
      ArrayNode params = json.putArray("params");
      for (Param param : code.params()) {
        params
            .addObject()
            .put("name", param.name())
            .put("type", param.type().wireName())
            .put("description", param.type().description());
      }
      ObjectNode texts = json.putObject("text");
      text.forEach((language, words) -> texts.put(language.tag(), words));
      return json;
    }
  }

  /** {@code message} in {@code language}: the words of its code with its parameter values. */
  public static String render(CodedMessage message, Language language) {
    return template(message.code(), language).render(message);
  }

  /** One entry per code, in {@link MessageCode} order. */
  public static List<Entry> entries() {
    return ENTRY_LIST;
  }

  /** The entry of {@code code}. */
  public static Entry entry(MessageCode code) {
    Entry entry = ENTRIES.get(code);
    if (entry == null) {
      // unreachable: load() checks every code
      throw new IllegalStateException("no entry for " + code);
    }
    return entry;
  }

  /**
   * The whole vocabulary as JSON, for an endpoint that lists it: {@code {"languages": [{"tag",
   * "rightToLeft"}...], "codes": [entry...]}}.
   */
  public static ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    ArrayNode languages = json.putArray("languages");
    for (Language language : Language.values()) {
      languages.addObject().put("tag", language.tag()).put("rightToLeft", language.rightToLeft());
    }
    ArrayNode codes = json.putArray("codes");
    ENTRY_LIST.forEach(entry -> codes.add(entry.toJson()));
    return json;
  }

  private static Template template(MessageCode code, Language language) {
    Map<Language, Template> byLanguage = TEMPLATES.get(code);
    Template template = byLanguage == null ? null : byLanguage.get(language);
    if (template == null) {
      // unreachable: load() checks every code and language
      throw new IllegalStateException("no template for " + code + "/" + language);
    }
    return template;
  }

  private static Map<MessageCode, Map<Language, Template>> load() {
    try (InputStream in = Vocabulary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " not found");
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Reads and checks templates in the format of {@code vocabulary.json}: {@code {"codes": {"<wire
   * name>": {"en": ..., "ru": ..., "ar": ..., "tr": ...}, ...}}}, plus an optional {@code "about"}
   * string. Duplicate keys are refused.
   *
   * @throws IllegalStateException naming the code and language of the first fault
   */
  static Map<MessageCode, Map<Language, Template>> read(Reader json) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return fromJson(mapper.readTree(json));
  }

  /** As {@link #read}, from a parsed tree. */
  static Map<MessageCode, Map<Language, Template>> fromJson(JsonNode json) {
    String where = RESOURCE + ": ";
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("about") && !name.equals("codes")) {
        throw new IllegalStateException(where + "unexpected field " + Quoting.text(name));
      }
    }
    JsonNode codes = json.path("codes");
    if (!codes.isObject()) {
      throw new IllegalStateException(where + "\"codes\" must be an object");
    }
    for (Iterator<String> names = codes.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      try {
        MessageCode.parse(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(where + e.getMessage(), e);
      }
    }
    Map<MessageCode, Map<Language, Template>> templates = new EnumMap<>(MessageCode.class);
    for (MessageCode code : MessageCode.values()) {
      JsonNode texts = codes.path(code.wireName());
      if (!texts.isObject()) {
        throw new IllegalStateException(where + "no templates for " + code.wireName());
      }
      for (Iterator<String> names = texts.fieldNames(); names.hasNext(); ) {
        String tag = names.next();
        if (Arrays.stream(Language.values()).noneMatch(l -> l.tag().equals(tag))) {
          throw new IllegalStateException(
              where
                  + code.wireName()
                  + ": unknown language key "
                  + Quoting.text(tag)
                  + "; expected en, ru, ar, tr");
        }
      }
      Map<Language, Template> byLanguage = new EnumMap<>(Language.class);
      for (Language language : Language.values()) {
        JsonNode text = texts.path(language.tag());
        if (!text.isTextual()) {
          throw new IllegalStateException(
              where + "no " + language.tag() + " template for " + code.wireName());
        }
        byLanguage.put(language, Template.parse(code, language, text.textValue()));
      }
      templates.put(code, Collections.unmodifiableMap(byLanguage));
    }
    return Collections.unmodifiableMap(templates);
  }

  private static Map<MessageCode, Entry> entries(
      Map<MessageCode, Map<Language, Template>> templates) {
    Map<MessageCode, Entry> entries = new EnumMap<>(MessageCode.class);
    templates.forEach(
        (code, byLanguage) -> {
          Map<Language, String> text = new EnumMap<>(Language.class);
          byLanguage.forEach((language, template) -> text.put(language, template.display()));
          entries.put(code, new Entry(code, text));
        });
    return Collections.unmodifiableMap(entries);
  }
}
