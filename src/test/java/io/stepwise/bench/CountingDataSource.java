package io.stepwise.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Wraps the physical PostgreSQL data source under the application's Hikari pool and counts what goes
 * over the wire: statement executions (each one round trip with pgjdbc's extended protocol; pgjdbc
 * sends an implicit BEGIN in the same round trip as the first statement of a transaction), JDBC
 * batches (one round trip each), commits and rollbacks (one round trip each), and validity checks.
 */
final class CountingDataSource {

    static final LongAdder EXECUTES = new LongAdder();
    static final LongAdder BATCHES = new LongAdder();
    static final LongAdder BATCHED_STATEMENTS = new LongAdder();
    static final LongAdder COMMITS = new LongAdder();
    static final LongAdder ROLLBACKS = new LongAdder();
    static final LongAdder VALIDATIONS = new LongAdder();

    private static final Set<String> STATEMENT_FACTORIES = Set.of("prepareStatement", "prepareCall", "createStatement");
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");

    private CountingDataSource() {
    }

    /** Totals so far: round trips = executes + batches + commits + rollbacks + validations. */
    record Snapshot(long executes, long batches, long batchedStatements, long commits, long rollbacks, long validations) {
        static Snapshot now() {
            return new Snapshot(EXECUTES.sum(), BATCHES.sum(), BATCHED_STATEMENTS.sum(), COMMITS.sum(),
                    ROLLBACKS.sum(), VALIDATIONS.sum());
        }

        Snapshot minus(Snapshot o) {
            return new Snapshot(executes - o.executes, batches - o.batches, batchedStatements - o.batchedStatements,
                    commits - o.commits, rollbacks - o.rollbacks, validations - o.validations);
        }

        long statements() {
            return executes + batchedStatements;
        }

        long roundTrips() {
            return executes + batches + commits + rollbacks + validations;
        }
    }

    static DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c && method.getName().equals("getConnection") ? connection(c) : result;
        });
    }

    private static Connection connection(Connection target) {
        return proxy(Connection.class, target, (proxy, method, args) -> {
            switch (method.getName()) {
                case "commit" -> COMMITS.increment();
                case "rollback" -> ROLLBACKS.increment();
                case "isValid" -> VALIDATIONS.increment();
                default -> {
                }
            }
            Object result = invoke(target, method, args);
            return result instanceof Statement s && STATEMENT_FACTORIES.contains(method.getName())
                    ? statement(s) : result;
        });
    }

    @SuppressWarnings("unchecked")
    private static Statement statement(Statement target) {
        Class<? extends Statement> type = target instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                : target instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return proxy((Class<Statement>) type, target, (proxy, method, args) -> {
            String name = method.getName();
            if (EXECUTE.contains(name)) {
                EXECUTES.increment();
            } else if (name.equals("addBatch")) {
                BATCHED_STATEMENTS.increment();
            } else if (name.startsWith("executeBatch") || name.equals("executeLargeBatch")) {
                BATCHES.increment();
            }
            return invoke(target, method, args);
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "counting(" + target + ")";
                        };
                    }
                    if ((method.getName().equals("unwrap") || method.getName().equals("isWrapperFor"))
                            && args != null && args[0] instanceof Class<?> c && c.isInstance(target)) {
                        return method.getName().equals("unwrap") ? target : true;
                    }
                    return handler.invoke(proxy, method, args);
                });
    }
}
