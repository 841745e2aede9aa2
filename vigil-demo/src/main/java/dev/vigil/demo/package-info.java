/**
 * "Vigil Bank", the demo API bundled with Vigil ({@link dev.vigil.demo.DemoApi}), and the traffic
 * generator that drives it ({@link dev.vigil.demo.TrafficGenerator}). The bank is an in-memory,
 * seeded, multi-tenant target that looks like a real product so discovery, documentation,
 * sensitive-data classification and (later) active tests have realistic material.
 */
package dev.vigil.demo;
