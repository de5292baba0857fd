package dev.schemawarden.app.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemawarden.app.audit.CanonicalJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's stdin, one JSON-RPC message per line, with no line longer than {@code maxBytes}. The SDK's transport
 * would end the whole session on an over-long line, without an answer or an audit entry; here such a line is read
 * through without being held in memory (a streaming parser skips its long strings) and replaced by a small message:
 * a {@code tools/call} keeps its id and tool name and gets the argument {@value #OVERSIZE_ARGUMENT} (the byte count),
 * so the gateway refuses it with one clear reason and audits it; any other request gets a method nobody serves, so
 * the client still receives an error answer; a notification is dropped.
 */
final class BoundedLines extends InputStream {
  static final String OVERSIZE_ARGUMENT = "warden_oversize_bytes";
  private static final Logger LOG = LoggerFactory.getLogger(BoundedLines.class);
  // Ids, method and tool names are short: a longer one in an over-long message is not read at all.
  private static final JsonFactory HEAD_PARSER =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(1024).maxNestingDepth(64).build())
          .build();

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buf = new byte[64 * 1024];
  private int bufPos;
  private int bufLen;
  private byte[] line = new byte[0];
  private int linePos;
  private boolean eof;
  private final Runnable atEnd;

  /** {@code atEnd} runs when the client closed the stream (the session is over). */
  BoundedLines(InputStream in, int maxBytes, Runnable atEnd) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.atEnd = atEnd;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (linePos == line.length) {
      if (eof) {
        atEnd.run();
        return -1;
      }
      nextLine();
    }
    int n = Math.min(len, line.length - linePos);
    System.arraycopy(line, linePos, b, off, n);
    linePos += n;
    return n;
  }

  private int next() throws IOException {
    if (bufPos == bufLen) {
      bufLen = in.read(buf);
      bufPos = 0;
      if (bufLen <= 0) {
        bufLen = 0;
        return -1;
      }
    }
    return buf[bufPos++] & 0xff;
  }

  private void nextLine() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int c;
    while ((c = next()) != -1 && c != '\n') {
      out.write(c);
      if (out.size() > maxBytes) {
        line = oversize(out.toByteArray());
        linePos = 0;
        return;
      }
    }
    eof = c == -1;
    if (c == '\n' || out.size() > 0) {
      out.write('\n');
    }
    line = out.toByteArray();
    linePos = 0;
  }

  /** Reads the rest of the over-long line (counting, not keeping it) and returns what stands in for it. */
  private byte[] oversize(byte[] head) throws IOException {
    long[] total = {head.length};
    boolean[] ended = {false};
    InputStream rest =
        new InputStream() {
          @Override
          public int read() throws IOException {
            if (ended[0]) {
              return -1;
            }
            int c = next();
            if (c == -1 || c == '\n') {
              ended[0] = true;
              eof = c == -1;
              return -1;
            }
            total[0]++;
            return c;
          }
        };
    Head h = new Head();
    try (JsonParser p =
        HEAD_PARSER.createParser(new SequenceInputStream(new ByteArrayInputStream(head), rest))) {
      h.read(p);
    } catch (IOException | RuntimeException e) {
      LOG.debug("an over-long message is not a JSON-RPC request it can answer: {}", e.getMessage());
    }
    while (rest.read() != -1) {
      // drain the line's remainder: the next message starts after it
    }
    LOG.warn(
        "refused a {}-byte message (at most {} bytes): {}",
        total[0],
        maxBytes,
        h.id == null ? "a notification or garbage, dropped" : "answered with a refusal");
    if (h.id == null) {
      return new byte[0];
    }
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("jsonrpc", "2.0");
    m.set("id", h.id);
    if ("tools/call".equals(h.method)) {
      m.put("method", "tools/call");
      ObjectNode params = m.putObject("params");
      params.put("name", h.tool == null ? "" : h.tool);
      params.putObject("arguments").put(OVERSIZE_ARGUMENT, total[0]);
    } else {
      m.put("method", "warden/message-too-long");
    }
    return (CanonicalJson.write(m) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The small fields of a message, read without keeping its large values. */
  private static final class Head {
    com.fasterxml.jackson.databind.JsonNode id;
    String method;
    String tool;

    void read(JsonParser p) throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("id") && value == JsonToken.VALUE_NUMBER_INT) {
          id = JsonNodeFactory.instance.numberNode(p.getLongValue());
        } else if (field.equals("id") && value == JsonToken.VALUE_STRING) {
          id = JsonNodeFactory.instance.textNode(p.getText());
        } else if (field.equals("method") && value == JsonToken.VALUE_STRING) {
          method = p.getText();
        } else if (field.equals("params") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("name") && v == JsonToken.VALUE_STRING) {
              tool = p.getText();
            } else {
              p.skipChildren(); // a long string is skipped by the next nextToken(), never buffered
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
  }
}
