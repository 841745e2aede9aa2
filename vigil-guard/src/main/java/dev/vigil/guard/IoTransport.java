package dev.vigil.guard;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * The socket implementation the event loops, the listening socket and the upstream connections
 * share. Native epoll saves a selector wake-up and a copy of the ready-key set per read on Linux;
 * NIO is the portable fallback. Both sides of a proxied connection must use the same one, since an
 * upstream channel is registered on its client channel's event loop.
 */
record IoTransport(
        String name,
        IoHandlerFactory ioHandlerFactory,
        Class<? extends ServerChannel> serverChannel,
        Class<? extends SocketChannel> socketChannel) {

    static IoTransport nio() {
        return new IoTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }

    static IoTransport epoll() {
        return new IoTransport(
                "epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class);
    }

    static IoTransport ioUring() {
        return new IoTransport(
                "io_uring",
                IoUringIoHandler.newFactory(),
                IoUringServerSocketChannel.class,
                IoUringSocketChannel.class);
    }

    /**
     * The transport {@code choice} asks for: AUTO takes epoll when its native library loads here.
     *
     * @throws GuardStartException when EPOLL is required but cannot be loaded
     */
    static IoTransport select(GuardConfig.Transport choice) {
        return switch (choice) {
            case NIO -> nio();
            case AUTO -> IoUring.isAvailable() ? ioUring() : Epoll.isAvailable() ? epoll() : nio();
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new GuardStartException(
                            "native epoll transport is not available", Epoll.unavailabilityCause());
                }
                yield epoll();
            }
            case IO_URING -> {
                if (!IoUring.isAvailable()) {
                    throw new GuardStartException(
                            "native io_uring transport is not available", IoUring.unavailabilityCause());
                }
                yield ioUring();
            }
        };
    }
}
