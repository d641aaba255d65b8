"""The UART log analyser behind `tools/uartlog` (docs/UARTLOG.md).

Modules, in the order the data flows through them:

  source    bytes from a file, stdin or a serial device -> numbered text lines
  lines     a line -> timestamped segments; logfmt records
  ktap      KTAP version 1 (nested), read as Linux's KUnit parser reads it
  dumps     the Linux-layout dumps (/proc/buddyinfo, slabinfo 2.1, maps, ...)
  oops      @oops blocks: registers and the call trace
  boot      one boot's state: facts, last records, errors, the verdict
  stream    splits a capture into boots and feeds each line to the observers
  checks    invariants over the record stream (`uartlog check`)
  series    bounded time series for the charts
  symbols   addr2line/nm symbolisation, @segv addresses against the maps
  summary   the verdict and statistics as a JSON-able dict, and as text
  report    the self-contained HTML report; svg draws its charts
  diff      two runs side by side

Python 3 standard library only, so that the command runs on any machine.
"""
