package io.stepwise.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Claims ready steps for a worker, leased for a while so a dead worker's steps can be rescued. */
@Service
public class StepClaims {

    private final StepStore steps;
    private final Clock clock;

    StepClaims(StepStore steps, Clock clock) {
        this.steps = steps;
        this.clock = clock;
    }

    @Transactional
    public List<ClaimedStep> claim(String owner, int limit, Duration lease) {
        Instant now = clock.instant();
        return steps.claimReady(owner, limit, now, now.plus(lease));
    }
}
