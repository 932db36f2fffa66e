/** Values the test configuration binds and the tests assert on (plain data: safe to import from both sides). */

/** The extension origin the worker under test allows (CORS). */
export const TEST_EXTENSION_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
