package io.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** A test that needs ../shared fails, visibly, when the file is missing; it is never skipped. */
class SharedDataTest {
    @Test
    void aMissingSharedFileFailsTheTest() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> SharedData.file("keras/no-such-file.keras"));
        assertTrue(e.getMessage().contains("shared/keras/no-such-file.keras not found") && e.getMessage().contains("required"),
                e.getMessage());
    }
}
