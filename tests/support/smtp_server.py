#!/usr/bin/python3
"""A real SMTP server for the integration tests (aiosmtpd, Debian python3-aiosmtpd).

Every message accepted is stored in a Maildir; recipients at --reject-domain are refused with
550, as a mail server refuses an unknown mailbox. Prints "ready" once it accepts connections and
serves until SIGTERM.
"""
import argparse
import mailbox
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, maildir, reject_domain):
        self.maildir = mailbox.Maildir(maildir, create=True)
        self.reject_domain = reject_domain
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject_domain and address.lower().endswith("@" + self.reject_domain):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.maildir.add(envelope.original_content)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--reject-domain", default="")
    args = parser.parse_args()
    controller = Controller(MaildirHandler(args.maildir, args.reject_domain),
                            hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
