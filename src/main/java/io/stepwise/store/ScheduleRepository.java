package io.stepwise.store;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * The schedule catalog. Its transactions run on {@link #TRANSACTION_MANAGER} (JPA's), not on the JDBC
 * one the rest of Stepwise uses; both work on the same DataSource, so named statements called inside
 * such a transaction join it.
 */
public interface ScheduleRepository extends JpaRepository<ScheduleRow, ScheduleRow.Key> {

    String TRANSACTION_MANAGER = "catalogTransactionManager";

    /** The row locked until the transaction ends: an edit waits for a fire in progress, and a fire skips an edit's row. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT s FROM ScheduleRow s WHERE s.namespace = :namespace AND s.name = :name")
    Optional<ScheduleRow> findForUpdate(@Param("namespace") String namespace, @Param("name") String name);

    /** A page of a namespace's listing by name, after the previous page's last name ("" for the first). */
    List<ScheduleRow> findByNamespaceAndNameGreaterThanOrderByNameAsc(String namespace, String after, Limit limit);
}
