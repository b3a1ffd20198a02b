package io.stepwise.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Kills a replica as the database sees it: once {@link #kill()} is called, it gets no new connection
 * and every call on a connection it holds fails, so nothing it does afterwards reaches PostgreSQL (no
 * commit, no lease renewal, no claim, no release), exactly as if its process had vanished. Add it as an
 * extra source of the replica's application context; production code has no hook for it. It is not a
 * {@code @Configuration}, so component scanning (which sees the test classes) never adds it elsewhere.
 */
public class ReplicaKillSwitch {

    private final AtomicBoolean dead = new AtomicBoolean();

    public void kill() {
        dead.set(true);
    }

    @Bean
    static BeanPostProcessor killableDataSource(ObjectProvider<ReplicaKillSwitch> kill) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource && !(bean instanceof Killable)
                        ? new Killable(dataSource, kill.getObject().dead) : bean;
            }
        };
    }

    private static final class Killable extends DelegatingDataSource {
        private final AtomicBoolean dead;

        Killable(DataSource target, AtomicBoolean dead) {
            super(target);
            this.dead = dead;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return guarded(alive().getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return guarded(alive().getConnection(username, password));
        }

        private DataSource alive() throws SQLException {
            if (dead.get()) {
                throw new SQLTransientConnectionException("this replica was killed by the test");
            }
            return obtainTargetDataSource();
        }

        private Connection guarded(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (dead.get() && !method.getName().equals("close")) {
                    throw new SQLTransientConnectionException("this replica was killed by the test");
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        }
    }
}
