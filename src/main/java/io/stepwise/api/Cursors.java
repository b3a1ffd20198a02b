package io.stepwise.api;

import io.stepwise.store.AuditLog;
import io.stepwise.store.ExecutionKey;
import io.stepwise.store.HistoryPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque page cursors: base64url text of a keyset position, tagged with the listing it belongs to so
 * that a cursor from another listing is refused rather than misread. Clients must not build them. The
 * console pages through executions with the same cursors.
 */
public final class Cursors {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursors() {
    }

    static String stateMachines(String lastName) {
        return encode("sm", lastName);
    }

    static String stateMachinesAfter(String cursor) {
        return cursor == null ? "" : decode(cursor, "sm", 1)[0];
    }

    static String schedules(String lastName) {
        return encode("sc", lastName);
    }

    static String schedulesAfter(String cursor) {
        return cursor == null ? "" : decode(cursor, "sc", 1)[0];
    }

    public static String executions(ExecutionKey key) {
        return key == null ? null : encode("ex", key.startDate().toString(), key.id().toString());
    }

    public static ExecutionKey executionsAfter(String cursor) {
        if (cursor == null) {
            return null;
        }
        String[] parts = decode(cursor, "ex", 2);
        try {
            return new ExecutionKey(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    static String jobs(UUID lastId) {
        return lastId == null ? null : encode("jb", lastId.toString());
    }

    static UUID jobsAfter(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return UUID.fromString(decode(cursor, "jb", 1)[0]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    static String history(HistoryPosition position, boolean reverse) {
        return position == null ? null : encode(reverse ? "hr" : "hf", Long.toString(position.seq()),
                Integer.toString(position.index()), Long.toString(position.eventId()));
    }

    static HistoryPosition historyFrom(String cursor, boolean reverse) {
        if (cursor == null) {
            return null;
        }
        String[] parts = decode(cursor, reverse ? "hr" : "hf", 3);
        try {
            var position = new HistoryPosition(Long.parseLong(parts[0]), Integer.parseInt(parts[1]),
                    Long.parseLong(parts[2]));
            if (position.seq() < 0 || position.index() < 0 || position.eventId() < 1) {
                throw invalid();
            }
            return position;
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    static String audit(AuditLog.Position position) {
        return encode("au", position.at().toString(), Long.toString(position.id()));
    }

    static AuditLog.Position auditAfter(String cursor) {
        if (cursor == null) {
            return null;
        }
        String[] parts = decode(cursor, "au", 2);
        try {
            return new AuditLog.Position(Instant.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static String encode(String kind, String... parts) {
        return ENCODER.encodeToString((kind + "\n" + String.join("\n", parts)).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor, String kind, int parts) {
        String text;
        try {
            text = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] fields = text.split("\n", -1);
        if (fields.length != parts + 1 || !fields[0].equals(kind)) {
            throw invalid();
        }
        String[] values = new String[parts];
        System.arraycopy(fields, 1, values, 0, parts);
        return values;
    }

    private static InvalidParameterException invalid() {
        return new InvalidParameterException("cursor", "The cursor is not one this listing returned. Pass back the "
                + "nextCursor of the previous page unchanged, with the same filters, or leave it out to start over.");
    }
}
