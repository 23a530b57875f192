package fr.portail.messages;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each top-level package is a module; no cycles, and modules use only each other's public top-level types. The module
 * documentation in {@code docs/modules/} (diagrams and one canvas per module) is written from the same model, so
 * committing it after a change shows how the ties between modules moved.
 */
class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(MessagesApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeDocumentation();
    }
}
