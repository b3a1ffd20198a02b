package io.stepwise.store;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.StepStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Holds every status write of the SQL statements to the tables of {@link StepStatus} and
 * {@link ExecutionStatus}: an INSERT must give a status the enum lists as initial, and an UPDATE must
 * only make moves its {@code moves()} allow, from each status its guard lets through to each status it
 * can write. What the SQL text cannot show comes from three explicit lists, each entry with its
 * reason, and an entry that no longer matches anything is reported too.
 */
final class StatusRules {

    /** A status table: the enum behind it, its statuses, the ones a row starts in, its moves ("A -> B"). */
    record Table(Class<?> type, Set<String> statuses, Set<String> initial, Set<String> moves) {
    }

    static final Map<String, Table> TABLES = Map.of(
            "step", new Table(StepStatus.class, names(StepStatus.values()),
                    StepStatus.initial().stream().map(i -> i.status().name()).collect(Collectors.toSet()),
                    StepStatus.moves().stream().map(m -> m.from() + " -> " + m.to()).collect(Collectors.toSet())),
            "execution", new Table(ExecutionStatus.class, names(ExecutionStatus.values()),
                    ExecutionStatus.initial().stream().map(i -> i.status().name()).collect(Collectors.toSet()),
                    ExecutionStatus.moves().stream().map(m -> m.from() + " -> " + m.to()).collect(Collectors.toSet())));

    /** An UPDATE with no status condition, the statuses the rows it can touch have anyway, and why. */
    record ImpliedGuard(Set<String> from, String why) {
    }

    /** A move ("A -> B") a statement's guard admits though the table does not list it, and why. */
    record ToleratedMove(String statement, String move, String why) {
    }

    private final Map<String, ? extends Set<? extends Enum<?>>> bound;
    private final Map<String, ImpliedGuard> implied;
    private final List<ToleratedMove> tolerated;

    /**
     * @param bound the statuses Java binds, by statement, where the new status is a parameter
     *     ({@link BoundStatuses#ALLOWED})
     */
    StatusRules(Map<String, ? extends Set<? extends Enum<?>>> bound, Map<String, ImpliedGuard> implied,
            List<ToleratedMove> tolerated) {
        this.bound = bound;
        this.implied = implied;
        this.tolerated = tolerated;
    }

    /** Every broken rule among {@code statements} (name → SQL), one message each, naming the statement. */
    List<String> violations(Map<String, String> statements) {
        List<String> found = new ArrayList<>();
        Set<String> used = new HashSet<>();
        new TreeMap<>(statements).forEach((name, sql) -> {
            try {
                StatusWrites.read(name, sql).ifPresent(write -> check(write, found, used));
            } catch (StatusWrites.Unreadable e) {
                found.add(e.getMessage());
            }
        });
        bound.keySet().stream().filter(name -> !used.contains("bound " + name))
                .forEach(name -> found.add("BoundStatuses lists " + name + ", which binds no status"));
        implied.keySet().stream().filter(name -> !used.contains("implied " + name))
                .forEach(name -> found.add("the implied-guard list names " + name + ", which needs no entry"));
        tolerated.stream().filter(t -> !used.contains("tolerated " + t.statement() + ": " + t.move()))
                .forEach(t -> found.add("the tolerated-move list names " + t.statement() + ": " + t.move()
                        + ", which it does not make"));
        return found;
    }

    private void check(StatusWrites.Write write, List<String> found, Set<String> used) {
        String name = write.statement();
        Table table = TABLES.get(write.table());
        String enumName = table.type().getSimpleName();
        Set<String> to;
        if (write.status() != null) {
            to = Set.of(write.status());
        } else {
            Set<? extends Enum<?>> values = bound.get(name);
            if (values == null) {
                found.add(name + " sets " + write.table() + ".status from " + write.bound()
                        + ": list the statuses Java binds there in BoundStatuses");
                return;
            }
            used.add("bound " + name);
            Optional<? extends Enum<?>> foreign = values.stream().filter(v -> v.getDeclaringClass() != table.type())
                    .findFirst();
            if (foreign.isPresent()) {
                found.add(name + " writes " + write.table() + ".status, but BoundStatuses gives it "
                        + foreign.get().getDeclaringClass().getSimpleName() + "." + foreign.get());
                return;
            }
            to = values.stream().map(Enum::name).collect(Collectors.toSet());
        }
        for (String status : to) {
            if (!table.statuses().contains(status)) {
                found.add(name + " writes " + write.table() + ".status '" + status + "', which is no " + enumName);
                return;
            }
        }
        if (write.kind() == StatusWrites.Kind.INSERT) {
            to.stream().filter(s -> !table.initial().contains(s)).sorted().forEach(s -> found.add(name
                    + " inserts " + write.table() + ".status " + s + ", which " + enumName + ".initial() does not list"));
            return;
        }
        Set<String> from = write.guard();
        ImpliedGuard impliedGuard = implied.get(name);
        if (from == null && impliedGuard == null) {
            found.add(name + " sets " + write.table() + ".status to " + String.join("/", to.stream().sorted()
                    .toList()) + " with no status condition in its WHERE clause");
            return;
        }
        if (from == null) {
            used.add("implied " + name);
            from = impliedGuard.from();
        }
        for (String f : from.stream().sorted().toList()) {
            if (!table.statuses().contains(f)) {
                found.add(name + " guards on " + write.table() + ".status '" + f + "', which is no " + enumName);
                continue;
            }
            for (String t : to.stream().sorted().toList()) {
                String move = f + " -> " + t;
                if (table.moves().contains(move)) {
                    continue;
                }
                if (tolerated.stream().anyMatch(x -> x.statement().equals(name) && x.move().equals(move))) {
                    used.add("tolerated " + name + ": " + move);
                } else {
                    found.add(name + " moves " + write.table() + ".status " + move + ", which " + enumName
                            + ".moves() does not allow");
                }
            }
        }
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }
}
