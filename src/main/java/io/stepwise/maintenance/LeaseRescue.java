package io.stepwise.maintenance;

import io.stepwise.store.StepClaims;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Makes the steps of dead replicas claimable again once their leases have run out. */
@Component
class LeaseRescue implements MaintenanceTask {

    private static final Logger log = LoggerFactory.getLogger(LeaseRescue.class);
    private static final int BATCH = 1000;

    private final StepClaims claims;

    LeaseRescue(StepClaims claims) {
        this.claims = claims;
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public void run() {
        int rescued;
        do {
            rescued = claims.rescueExpired(BATCH);
            if (rescued > 0) {
                log.info("Rescued {} steps whose leases expired; their handlers run again", rescued);
            }
        } while (rescued == BATCH);
    }
}
