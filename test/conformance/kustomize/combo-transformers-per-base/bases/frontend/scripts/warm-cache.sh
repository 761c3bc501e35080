#!/bin/sh
curl -s http://frontend/warm
