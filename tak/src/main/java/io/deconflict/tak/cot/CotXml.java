package io.deconflict.tak.cot;

import com.ctc.wstx.exc.WstxLazyException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one Cursor on Target XML document (an {@code <event>} or an {@code <auth>}) into an {@link
 * Element} tree, safely: document type declarations are refused, so no entity is ever declared or
 * expanded and nothing external is fetched (no XXE, no "billion laughs"); nesting is limited to
 * {@link #MAX_DEPTH}. The caller bounds the input's size. The parser is Woodstox (StAX) with DTD
 * support and external entities off.
 *
 * <p>Thread-safe (the factory is configured once and only read).
 */
public final class CotXml {

  /** The deepest element nesting accepted. */
  public static final int MAX_DEPTH = 32;

  private static final XMLInputFactory FACTORY = factory();

  private CotXml() {}

  private static XMLInputFactory factory() {
    // Woodstox rather than the JDK's parser: several times cheaper to create a reader per event
    XMLInputFactory f = new com.ctc.wstx.stax.WstxInputFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  /**
   * Parses a document from bytes (UTF-8 unless its declaration says otherwise).
   *
   * @throws CotException naming the line and column of the first problem
   */
  public static Element parse(byte[] document) {
    XMLStreamReader r;
    try {
      r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
    } catch (XMLStreamException e) {
      throw new CotException("not XML: " + message(e), e);
    }
    return read(r);
  }

  /**
   * Parses a fragment of elements (the content of a {@code <detail>}) into a {@code detail}
   * element.
   */
  public static Element parseDetail(String fragment) {
    XMLStreamReader r;
    try {
      r = FACTORY.createXMLStreamReader(new StringReader("<detail>" + fragment + "</detail>"));
    } catch (XMLStreamException e) {
      throw new CotException("xmlDetail is not XML: " + message(e), e);
    }
    return read(r);
  }

  private static Element read(XMLStreamReader r) {
    Deque<Element> open = new ArrayDeque<>();
    Element root = null;
    try {
      while (r.hasNext()) {
        int kind = r.next();
        switch (kind) {
          case XMLStreamConstants.DTD ->
              throw new CotException(
                  "document type declarations (<!DOCTYPE ...>) are not accepted, at "
                      + where(r.getLocation()));
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw new CotException(
                  "entity reference &" + r.getLocalName() + "; at " + where(r.getLocation()));
          case XMLStreamConstants.START_ELEMENT -> {
            if (open.size() >= MAX_DEPTH) {
              throw new CotException(
                  "elements nested deeper than " + MAX_DEPTH + " at " + where(r.getLocation()));
            }
            Element e = new Element(qualified(r.getPrefix(), r.getLocalName()));
            for (int i = 0; i < r.getAttributeCount(); i++) {
              e.attr(
                  qualified(r.getAttributePrefix(i), r.getAttributeLocalName(i)),
                  r.getAttributeValue(i));
            }
            if (open.isEmpty()) {
              if (root != null) {
                throw new CotException("more than one root element");
              }
              root = e;
            } else {
              open.peek().add(e);
            }
            open.push(e);
          }
          case XMLStreamConstants.END_ELEMENT -> open.pop();
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            Element top = open.peek();
            if (top != null) {
              top.appendText(r.getText());
            } else if (!r.isWhiteSpace()) {
              throw new CotException("text outside the root element at " + where(r.getLocation()));
            }
          }
          default -> {
            // comments, processing instructions, space: ignored
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new CotException("malformed XML: " + message(e), e);
    } catch (WstxLazyException e) {
      // coalescing text is read lazily: its errors come unchecked, from getText() and next()
      throw new CotException(
          "malformed XML: "
              + (e.getCause() instanceof XMLStreamException x ? message(x) : e.getMessage()),
          e);
    } finally {
      try {
        r.close();
      } catch (XMLStreamException e) {
        // nothing held
      }
    }
    if (root == null) {
      throw new CotException("no element in the document");
    }
    return root;
  }

  private static String qualified(String prefix, String local) {
    return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
  }

  private static String where(Location l) {
    return "line " + l.getLineNumber() + ", column " + l.getColumnNumber();
  }

  private static String message(XMLStreamException e) {
    String m = String.valueOf(e.getMessage());
    // the JDK prefixes "ParseError at [row,col]:[1,2]\nMessage: "; keep it on one line
    return m.replace("\nMessage: ", " ").replace('\n', ' ');
  }
}
