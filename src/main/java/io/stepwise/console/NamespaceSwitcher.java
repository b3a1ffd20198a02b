package io.stepwise.console;

import io.stepwise.security.Caller;
import io.stepwise.store.Namespace;
import io.stepwise.store.StateMachines;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The namespace switcher in every page's header (docs/console.md, "Namespaces"). A caller bound to some
 * namespaces picks one of them; a caller bound to every namespace ({@code *}), or anyone while
 * authentication is off, may type any name, and is offered the namespaces that hold state machines or
 * executions (a namespace needs no creating, so there is no list of them to offer otherwise).
 */
@ControllerAdvice(assignableTypes = {StateMachinePages.class, ExecutionPages.class})
class NamespaceSwitcher {

    /** How many namespaces in use the switcher offers; more can still be typed. */
    static final int OFFERED = 100;

    private final StateMachines stateMachines;

    NamespaceSwitcher(StateMachines stateMachines) {
        this.stateMachines = stateMachines;
    }

    /**
     * What the switcher shows. Public, with public methods: templates call them through SpEL. The
     * namespaces in use are read only when a page's header asks for them, not for a panel or a fragment.
     */
    public static final class Choices {
        private final Namespace current;
        private final List<String> bound;
        private final StateMachines stateMachines;

        Choices(Namespace current, List<String> bound, StateMachines stateMachines) {
            this.current = current;
            this.bound = bound;
            this.stateMachines = stateMachines;
        }

        public String current() {
            return current.name();
        }

        public boolean isDefault() {
            return current.isDefault();
        }

        /** Whether any name may be typed (a {@code *} caller, or authentication off). */
        public boolean free() {
            return bound == null;
        }

        /** The names to choose from, sorted, the current one among them. */
        public List<String> names() {
            TreeSet<String> names = new TreeSet<>(bound != null ? bound
                    : stateMachines.namespacesInUse(OFFERED));
            if (bound == null) {
                names.add(Namespace.DEFAULT.name());
            }
            names.add(current.name());
            return List.copyOf(names);
        }
    }

    @ModelAttribute("namespaces")
    Choices namespaces(Namespace namespace) {
        Set<String> namespaces = Caller.currentNamespacesOrAll();
        List<String> bound = namespaces == null ? null : namespaces.stream().sorted().toList();
        return new Choices(namespace, bound, stateMachines);
    }
}
