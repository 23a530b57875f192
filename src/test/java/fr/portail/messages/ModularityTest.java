package fr.portail.messages;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each top-level package is a module; no cycles, and modules use only each other's public top-level types. */
class ModularityTest {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(MessagesApplication.class).verify();
    }
}
