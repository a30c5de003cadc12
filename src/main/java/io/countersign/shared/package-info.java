/**
 * The kernel every module may use: who acts and through which channel, the error vocabulary,
 * short ids, time.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.countersign.shared;
