package io.deconflict.tak.cot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An XML element as Cursor on Target uses it: a name, attributes in document order, child elements
 * and text. Mutable, small, not thread-safe; {@link CotXml} reads and writes it.
 */
public final class Element {

  private final String name;
  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final List<Element> children = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  /** An empty element. */
  public Element(String name) {
    this.name = name;
  }

  /** The element's name. */
  public String name() {
    return name;
  }

  /** Sets an attribute; returns this. */
  public Element attr(String key, String value) {
    attributes.put(key, value);
    return this;
  }

  /** The attribute's value, if present. */
  public Optional<String> attr(String key) {
    return Optional.ofNullable(attributes.get(key));
  }

  /** Every attribute, in document order, read-only. */
  public Map<String, String> attributes() {
    return Collections.unmodifiableMap(attributes);
  }

  /** Adds a child element; returns the child. */
  public Element add(Element child) {
    children.add(child);
    return child;
  }

  /** Adds a new child with this name; returns it. */
  public Element add(String childName) {
    return add(new Element(childName));
  }

  /** The children, in document order, read-only. */
  public List<Element> children() {
    return Collections.unmodifiableList(children);
  }

  /** The first child of this name. */
  public Optional<Element> child(String childName) {
    for (Element c : children) {
      if (c.name.equals(childName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Every child of this name. */
  public List<Element> all(String childName) {
    List<Element> out = new ArrayList<>();
    for (Element c : children) {
      if (c.name.equals(childName)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Removes the children of this name. */
  public void remove(String childName) {
    children.removeIf(c -> c.name.equals(childName));
  }

  /** The element's own text (not its children's). */
  public String text() {
    return text.toString();
  }

  /** Replaces the text; returns this. */
  public Element text(String value) {
    text.setLength(0);
    text.append(value);
    return this;
  }

  void appendText(String more) {
    text.append(more);
  }

  /** A deep copy. */
  public Element copy() {
    Element e = new Element(name);
    e.attributes.putAll(attributes);
    e.text.append(text);
    for (Element c : children) {
      e.children.add(c.copy());
    }
    return e;
  }

  /** This element as XML. */
  public String toXml() {
    StringBuilder out = new StringBuilder();
    write(out);
    return out.toString();
  }

  /** Appends this element as XML. */
  public void write(StringBuilder out) {
    out.append('<').append(name);
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      out.append(' ').append(a.getKey()).append("=\"");
      escape(a.getValue(), out, true);
      out.append('"');
    }
    if (children.isEmpty() && text.length() == 0) {
      out.append("/>");
      return;
    }
    out.append('>');
    escape(text, out, false);
    for (Element c : children) {
      c.write(out);
    }
    out.append("</").append(name).append('>');
  }

  private static void escape(CharSequence s, StringBuilder out, boolean attribute) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\n' -> out.append(attribute ? "&#10;" : "\n");
        case '\r' -> out.append("&#13;");
        case '\t' -> out.append(attribute ? "&#9;" : "\t");
        default -> {
          if (c < 0x20) {
            // not allowed in XML 1.0; dropped rather than sent
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
