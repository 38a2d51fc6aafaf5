@echo off
rem flexy-pos: opens the till in a 120 x 40 window. Double-click this file, or a shortcut to it
rem on the desktop. Uses Windows Terminal (wt.exe, standard on Windows 11) when it is there,
rem otherwise the classic console. Arguments are passed on (for example: flexy-pos.bat --lang ar).
setlocal
rem UTF-8, for anything that reads the console's code page (flexy-pos itself writes Unicode).
chcp 65001 >nul
set "HERE=%~dp0"
where wt.exe >nul 2>nul || goto console
rem A new window (-w new) so that --size applies; "%HERE%." avoids a path ending in \" .
start "" wt.exe -w new --size 120,40 new-tab --title flexy-pos --suppressApplicationTitle -d "%HERE%." "%HERE%flexy-pos.exe" %*
exit /b 0

:console
title flexy-pos
mode con cols=120 lines=40
"%HERE%flexy-pos.exe" %*
rem Keep the window open when the till could not start, so its message can be read.
if errorlevel 1 pause
