package io.stepwise.api;

import io.stepwise.store.Namespace;
import io.stepwise.store.NotFoundException;

/**
 * Jobs, queues and schedules live in the default namespace only, for now (docs/namespaces.md): in any
 * other namespace they answer 404, as an empty namespace would, so nothing of the default namespace's
 * shows there.
 */
final class DefaultNamespaceOnly {

    private DefaultNamespaceOnly() {
    }

    static void require(Namespace namespace, String kind) {
        if (!namespace.isDefault()) {
            throw new NotFoundException(kind, "in namespace " + namespace.name());
        }
    }
}
