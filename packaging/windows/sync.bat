@echo off
rem flexy-pos sync, for the Task Scheduler (see README.md, "On Windows"): checks this till's
rem orders against OneClickDz's list and settles the open ones. What it prints is added to
rem sync.log next to this file. It exits 1 while the till is open (the store is in use); the
rem open till runs the same check itself every hour.
setlocal
set "HERE=%~dp0"
echo ==== %DATE% %TIME% >> "%HERE%sync.log"
"%HERE%flexy-pos.exe" sync >> "%HERE%sync.log" 2>&1
exit /b %errorlevel%
