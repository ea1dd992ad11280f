/**
 * Which cluster a command talks to, and where a client's call goes. The lab uses one word per idea:
 *
 * <ul>
 *   <li><b>target</b>: which cluster, {@code local} (the processes {@code lab up} started on this
 *       machine) or {@code compose} (the docker compose project). {@link
 *       dev.couplinglab.lab.target.Target}, the {@code --target local|compose} option, {@code
 *       LAB_TARGET}, {@link dev.couplinglab.lab.target.TargetDetector}, and the target a saved
 *       capacity was measured on.
 *   <li><b>address</b>: a {@code host:port} where a client reaches one service or broker: {@code
 *       --address}, {@code LabContext.address} and {@code serviceAddress}, {@code
 *       Connection.address()}, and {@code experiment.Addresses}, the three services' addresses an
 *       experiment's load goes to.
 *   <li><b>destination</b>: where a client command's call goes, a target or an explicit address:
 *       {@link dev.couplinglab.lab.target.Destination}, made from the command's {@code
 *       DestinationOptions} ({@code --target}, {@code --address}; a {@code --target host:port} is
 *       still read as an address).
 *   <li><b>part</b>: a process of a cluster that a fault acts on, a service or a broker: {@code
 *       cluster.Part}, {@code fault.FaultPart}, and {@code FaultStep.part()}.
 * </ul>
 *
 * <p>Left as they are, because other programs read them: the {@code target:} key of an experiment
 * file's fault step and of a report's data.json (the step's part), the services' variables {@code
 * INVENTORY_TARGET} and {@code NOTIFICATION_TARGET} (addresses, in gRPC's sense of the word, as in
 * {@code ManagedChannelBuilder.forTarget}).
 */
package dev.couplinglab.lab.target;
